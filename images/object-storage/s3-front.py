"""The front of Berth's object storage.

Starts radosgw on 127.0.0.1:9001 (its SQLite store under /data/rgw) and supervises it, makes sure the
service's bucket exists with the policy in S3_POLICY (none: private), then serves port 9000: every
request is passed to radosgw unchanged (one request per connection), except an upload that would take
the stored bytes past S3_QUOTA_BYTES, which gets S3's 403 QuotaExceeded, and a CopyObject, whose copy
the front makes itself once radosgw has accepted the request (the SQLite store answers a copy without
storing it). SIGHUP with a staged store (store.py swap) swaps it in: a restore. SIGTERM stops radosgw
and exits with its status.
"""
import asyncio
import datetime
import html
import json
import re
import shutil
import subprocess
import hashlib
import hmac
import http.client
import os
import signal
import socket
import sqlite3
import sys
import urllib.parse

PORT = 9000
RGW_PORT = 9001
DB_DIR = '/data/rgw'
DB_FILE = f'{DB_DIR}/dbstore-default_ns.db'
KEY = os.environ['S3_ACCESS_KEY_ID']
SECRET = os.environ['S3_SECRET_ACCESS_KEY']
BUCKET = os.environ['S3_BUCKET']
POLICY = os.environ.get('S3_POLICY', '')
QUOTA = int(os.environ.get('S3_QUOTA_BYTES') or '0')
MAX_HEAD = 64 * 1024
SWAP_REQUEST = '/data/.berth-swap'
SWAP_DONE = '/data/.berth-swap-done'


def rgw_command():
    return [
        'radosgw', '-f', '--no-mon-config',
        '--rgw-backend-store=dbstore', '--rgw-config-store=dbstore', f'--dbstore-db-dir={DB_DIR}', f'--dbstore-config-uri=file:{DB_DIR}/dbstore-config.db',
        f'--rgw-frontends=beast endpoint=127.0.0.1:{RGW_PORT}',
        '--debug-rgw=0/0', '--debug-ms=0/0',
        '--log-to-stderr=true', '--err-to-stderr=true', '--log-file=', '--rgw-enable-ops-log=false',
    ]


def sign(method, path, query, body, extra=None, unsigned=False):
    """Headers of a SigV4-signed request to radosgw with the service's key pair (path and query already encoded)."""
    amz = datetime.datetime.now(datetime.timezone.utc).strftime('%Y%m%dT%H%M%SZ')
    digest = 'UNSIGNED-PAYLOAD' if unsigned else hashlib.sha256(body).hexdigest()
    headers = {'host': f'127.0.0.1:{RGW_PORT}', 'x-amz-content-sha256': digest, 'x-amz-date': amz, **(extra or {})}
    names = ';'.join(sorted(headers))
    canonical = '\n'.join([method, path, query, ''.join(f'{k}:{headers[k]}\n' for k in sorted(headers)), names, digest])
    scope = f'{amz[:8]}/us-east-1/s3/aws4_request'
    to_sign = '\n'.join(['AWS4-HMAC-SHA256', amz, scope, hashlib.sha256(canonical.encode()).hexdigest()])
    key = ('AWS4' + SECRET).encode()
    for part in (amz[:8], 'us-east-1', 's3', 'aws4_request'):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    headers['authorization'] = f'AWS4-HMAC-SHA256 Credential={KEY}/{scope}, SignedHeaders={names}, Signature={signature}'
    return headers


def request(method, path, params=None, body=b'', extra=None):
    """One signed request: `path` unencoded (`/bucket/key`), `params` the query (sorted and encoded here)."""
    enc_path = urllib.parse.quote(path, safe='/~')
    query = '&'.join(f'{urllib.parse.quote(k, safe="~")}={urllib.parse.quote(v, safe="~")}' for k, v in sorted((params or {}).items()))
    conn = http.client.HTTPConnection('127.0.0.1', RGW_PORT, timeout=60)
    try:
        conn.request(method, enc_path + (f'?{query}' if query else ''), body=body or None, headers=sign(method, enc_path, query, body, extra))
        res = conn.getresponse()
        return res.status, res.read().decode(errors='replace')
    finally:
        conn.close()


def call(method, query='', body=b''):
    return request(method, f'/{BUCKET}', {query: ''} if query else None, body)


def tags(xml, name):
    return [html.unescape(v) for v in re.findall(f'<{name}>([^<]*)</{name}>', xml)]


def copy_stream(bucket, key, dest_bucket, dest_key, metadata=None):
    """Streams an object to another name with the service's keys: its type and user metadata kept, or `metadata` instead."""
    src = urllib.parse.quote(f'/{bucket}/{key}', safe='/~')
    dst = urllib.parse.quote(f'/{dest_bucket}/{dest_key}', safe='/~')
    reader = http.client.HTTPConnection('127.0.0.1', RGW_PORT, timeout=600)
    writer = http.client.HTTPConnection('127.0.0.1', RGW_PORT, timeout=600)
    try:
        reader.request('GET', src, headers=sign('GET', src, '', b''))
        got = reader.getresponse()
        if got.status != 200:
            raise RuntimeError(f'reading {key} from {bucket} failed: {got.status}')
        kept = metadata if metadata is not None else {k.lower(): v for k, v in got.getheaders() if k.lower() == 'content-type' or k.lower().startswith('x-amz-meta-')}
        headers = sign('PUT', dst, '', b'', kept, unsigned=True)
        headers['content-length'] = got.getheader('content-length', '0')
        writer.request('PUT', dst, body=got, headers=headers)
        put = writer.getresponse()
        text = put.read().decode(errors='replace')
        if put.status != 200:
            raise RuntimeError(f'writing {dest_key} failed: {put.status} {text[:300]}')
    finally:
        reader.close()
        writer.close()


def adopt_restored_buckets():
    """After a restore from another service's backup: its objects copied into this service's bucket, its bucket removed."""
    status, xml = request('GET', '/')
    if status != 200:
        raise RuntimeError(f'listing the buckets failed: {status} {xml[:300]}')
    for other in tags(xml, 'Name'):
        if other == BUCKET:
            continue
        token = None
        while True:
            params = {'list-type': '2', **({'continuation-token': token} if token else {})}
            status, listing = request('GET', f'/{other}', params)
            if status != 200:
                raise RuntimeError(f'listing {other} failed: {status} {listing[:300]}')
            for key in tags(listing, 'Key'):
                copy_stream(other, key, BUCKET, key)
                request('DELETE', f'/{other}/{key}')
            following = tags(listing, 'NextContinuationToken')
            if '<IsTruncated>true</IsTruncated>' not in listing or not following:
                break
            token = following[0]
        request('DELETE', f'/{other}')


KEYS_MARK = f'{DB_DIR}/.berth-keys'


def prepare_bucket():
    status, text = call('PUT')
    if status not in (200, 409):
        raise RuntimeError(f'creating bucket {BUCKET} failed: {status} {text[:300]}')
    # The key pair works: later starts with the same pair run no radosgw-admin.
    with open(KEYS_MARK, 'w') as f:
        f.write(keys_hash() + '\n')
    if POLICY:
        status, text = call('PUT', 'policy', POLICY.encode())
        if status not in (200, 204):
            raise RuntimeError(f'the bucket policy was refused: {status} {text[:300]}')
    else:
        call('DELETE', 'policy')


def stored_bytes():
    """The size of every object in every bucket (radosgw's own quota is not enforced on this store)."""
    db = sqlite3.connect(f'file:{DB_FILE}?mode=ro', uri=True, timeout=5)
    try:
        tables = [n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '%\\_object\\_table' ESCAPE '\\'")]
        return sum(db.execute(f'SELECT COALESCE(SUM(ObjSize), 0) FROM "{t}"').fetchone()[0] for t in tables)
    finally:
        db.close()


def upload_size(method, headers):
    """Bytes an upload adds (None: not an upload; -1: an upload of unknown length)."""
    if method not in ('PUT', 'POST'):
        return None
    for name in ('x-amz-decoded-content-length', 'content-length'):
        if name in headers:
            try:
                return int(headers[name])
            except ValueError:
                return -1
    return -1 if 'transfer-encoding' in headers else None


def quota_error(resource):
    body = (
        '<?xml version="1.0" encoding="UTF-8"?><Error><Code>QuotaExceeded</Code>'
        f'<Message>The object storage quota of {QUOTA} bytes is used up</Message><Resource>{resource}</Resource></Error>'
    ).encode()
    head = f'HTTP/1.1 403 Forbidden\r\nContent-Type: application/xml\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n'
    return head.encode() + body


async def pipe(reader, writer):
    try:
        while chunk := await reader.read(65536):
            writer.write(chunk)
            await writer.drain()
    except (ConnectionError, OSError):
        pass
    finally:
        try:
            writer.close()
        except OSError:
            pass


async def handle(client_r, client_w):
    try:
        head = await client_r.readuntil(b'\r\n\r\n')
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
        client_w.close()
        return
    lines = head.decode('latin-1').split('\r\n')
    method, target = (lines[0].split(' ') + ['', ''])[:2]
    headers = {}
    kept = [lines[0]]
    for line in lines[1:]:
        if not line:
            continue
        name, _, value = line.partition(':')
        headers[name.strip().lower()] = value.strip()
        if name.strip().lower() not in ('connection', 'keep-alive'):
            kept.append(line)
    size = upload_size(method, headers)
    if QUOTA and size is not None and size != 0:
        used = await asyncio.to_thread(stored_bytes)
        if used + max(size, 0) > QUOTA or (size < 0 and used >= QUOTA):
            client_w.write(quota_error(target.split('?')[0]))
            await client_w.drain()
            client_w.close()
            return
    try:
        up_r, up_w = await asyncio.open_connection('127.0.0.1', RGW_PORT)
    except OSError:
        client_w.close()
        return
    up_w.write(('\r\n'.join(kept + ['Connection: close']) + '\r\n\r\n').encode('latin-1'))
    if method == 'PUT' and 'x-amz-copy-source' in headers and 'partNumber=' not in target:
        await copy_object(client_r, client_w, up_r, up_w, target, headers)
        return
    await asyncio.gather(pipe(client_r, up_w), pipe(up_r, client_w))


async def copy_object(client_r, client_w, up_r, up_w, target, headers):
    """
    CopyObject: radosgw checks the signature and the permissions and answers, but its SQLite store
    keeps no copy; on its 200 the front copies the object itself with the service's keys.
    """
    answer = await up_r.read()
    up_w.close()
    status = answer.split(b' ', 2)[1] if answer.count(b' ') >= 2 else b''
    if status == b'200':
        source = urllib.parse.unquote(headers['x-amz-copy-source'].split('?')[0]).lstrip('/')
        bucket, _, key = source.partition('/')
        dest = urllib.parse.unquote(target.split('?')[0]).lstrip('/')
        dest_bucket, _, dest_key = dest.partition('/')
        replace = headers.get('x-amz-metadata-directive', 'COPY').upper() == 'REPLACE'
        given = {k: v for k, v in headers.items() if k == 'content-type' or k.startswith('x-amz-meta-')} if replace else None
        try:
            await asyncio.to_thread(copy_stream, bucket, key, dest_bucket, dest_key, given)
        except (RuntimeError, OSError) as err:
            body = f'<?xml version="1.0" encoding="UTF-8"?><Error><Code>InternalError</Code><Message>{html.escape(str(err))}</Message></Error>'.encode()
            answer = f'HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/xml\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n'.encode() + body
    client_w.write(answer)
    await client_w.drain()
    client_w.close()


def listener():
    """Port 9000 on IPv6 and IPv4 at once where the container has IPv6, else on IPv4."""
    try:
        sock = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
        sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(('::', PORT))
    except OSError:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(('0.0.0.0', PORT))
    sock.listen(256)
    sock.setblocking(False)
    return sock


def admin(*args):
    """radosgw-admin on the stopped store (the key pair follows the service's variables)."""
    cmd = ['radosgw-admin', '--no-mon-config', '--rgw-backend-store=dbstore', '--rgw-config-store=dbstore', f'--dbstore-db-dir={DB_DIR}',
           f'--dbstore-config-uri=file:{DB_DIR}/dbstore-config.db', '--debug-rgw=0', '--log-to-stderr=false', '--log-file=/dev/null', *args]
    try:
        done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, timeout=20)
        return done.returncode, done.stdout
    except subprocess.TimeoutExpired as hung:
        # It can hang at exit once its work is done: killed, its output is still what it printed.
        out = hung.stdout or ''
        return (0 if out else -9), out if isinstance(out, str) else out.decode(errors='replace')


def keys_hash():
    return hashlib.sha256(f'{KEY}:{SECRET}'.encode()).hexdigest()


def set_keys():
    """The one user owns the bucket and has the service's key pair, and no other (a restored store's)."""
    if admin('user', 'create', '--uid=berth', '--display-name=berth', f'--access-key={KEY}', f'--secret-key={SECRET}')[0] != 0:
        admin('key', 'create', '--uid=berth', '--key-type=s3', f'--access-key={KEY}', f'--secret-key={SECRET}')
    code, info = admin('user', 'info', '--uid=berth')
    for k in json.loads(info).get('keys', []) if code == 0 else []:
        if k.get('access_key') != KEY:
            admin('key', 'rm', '--uid=berth', '--key-type=s3', f"--access-key={k['access_key']}")


def keys_changed():
    try:
        with open(KEYS_MARK) as f:
            return f.read().strip() != keys_hash()
    except OSError:
        return True


async def stop_rgw(rgw):
    """SIGTERM, and SIGKILL after 8 s: radosgw can hang at exit like radosgw-admin (its writes are SQLite transactions)."""
    rgw.terminate()
    try:
        await asyncio.wait_for(rgw.wait(), 8)
    except asyncio.TimeoutError:
        rgw.kill()
        await rgw.wait()


async def start_rgw():
    rgw = await asyncio.create_subprocess_exec(*rgw_command())
    for _ in range(600):
        if rgw.returncode is not None:
            sys.exit(f'radosgw exited with {rgw.returncode} while starting')
        try:
            socket.create_connection(('127.0.0.1', RGW_PORT), timeout=1).close()
            return rgw
        except OSError:
            await asyncio.sleep(0.1)
    sys.exit('radosgw did not listen within 60 s')


async def swap_store(rgw):
    """A restore: radosgw stopped, the staged store put in place (the old one removed), radosgw started again."""
    with open(SWAP_REQUEST) as f:
        staged = f.read().strip()
    os.remove(SWAP_REQUEST)
    await stop_rgw(rgw)
    old = f'{DB_DIR}.old'
    result = 'ok'
    try:
        shutil.rmtree(old, ignore_errors=True)
        os.rename(DB_DIR, old)
        os.rename(staged, DB_DIR)
        set_keys()
        shutil.rmtree(old, ignore_errors=True)
    except (OSError, ValueError) as err:
        result = f'swapping the store failed: {err}'
        if not os.path.exists(DB_DIR) and os.path.exists(old):
            os.rename(old, DB_DIR)
    rgw = await start_rgw()
    try:
        await asyncio.to_thread(prepare_bucket)
        if result == 'ok':
            await asyncio.to_thread(adopt_restored_buckets)
    except (RuntimeError, OSError) as err:
        result = f'the restored store could not be set up: {err}'
    with open(SWAP_DONE, 'w') as f:
        f.write(result)
    return rgw


async def main():
    loop = asyncio.get_running_loop()
    stopping = asyncio.Event()
    swapping = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stopping.set)
    loop.add_signal_handler(signal.SIGINT, stopping.set)
    loop.add_signal_handler(signal.SIGHUP, swapping.set)
    if keys_changed():
        await asyncio.to_thread(set_keys)
    rgw = await start_rgw()
    await asyncio.to_thread(prepare_bucket)
    server = await asyncio.start_server(handle, sock=listener(), limit=MAX_HEAD)
    stop = asyncio.ensure_future(stopping.wait())
    while True:
        died = asyncio.ensure_future(rgw.wait())
        swap = asyncio.ensure_future(swapping.wait())
        await asyncio.wait([died, stop, swap], return_when=asyncio.FIRST_COMPLETED)
        if stop.done() or rgw.returncode is not None:
            break
        swapping.clear()
        died.cancel()
        if os.path.exists(SWAP_REQUEST):
            rgw = await swap_store(rgw)
    server.close()
    if rgw.returncode is None:
        await stop_rgw(rgw)
        sys.exit(0)
    sys.exit(f'radosgw exited with {rgw.returncode}')


if __name__ == '__main__':
    asyncio.run(main())
