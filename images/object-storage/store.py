"""Backup and restore of the object store's SQLite files, run by Berth through exec.

  store.py snapshot <store dir> <new dir>   consistent copies (SQLite's online backup) of every *.db
  store.py check <dir>                      the copies are a store (integrity_check passes on each)
  store.py swap <dir>                       asks the running front to stop radosgw, put <dir> in
                                            place of the store, start radosgw again; prints the result
"""
import os
import signal
import sqlite3
import sys
import time

REQUEST = '/data/.berth-swap'
DONE = '/data/.berth-swap-done'


def snapshot(src, dst):
    os.makedirs(dst)
    for name in sorted(os.listdir(src)):
        if name.endswith('.db'):
            a = sqlite3.connect(f'file:{src}/{name}?mode=ro', uri=True, timeout=30)
            b = sqlite3.connect(f'{dst}/{name}')
            a.backup(b)
            b.close()
            a.close()


def check(d):
    names = [n for n in os.listdir(d) if n.endswith('.db')]
    if 'dbstore-default_ns.db' not in names:
        sys.exit('the archive holds no object store (dbstore-default_ns.db is missing)')
    for n in names:
        result = sqlite3.connect(f'file:{d}/{n}?mode=ro', uri=True).execute('PRAGMA integrity_check').fetchone()[0]
        if result != 'ok':
            sys.exit(f'{n} is damaged: {result}')


def front_pid():
    for pid in os.listdir('/proc'):
        if pid.isdigit():
            try:
                with open(f'/proc/{pid}/cmdline', 'rb') as f:
                    if b's3-front.py' in f.read():
                        return int(pid)
            except OSError:
                pass
    sys.exit('the object storage front is not running')


def swap(d):
    if os.path.exists(DONE):
        os.remove(DONE)
    with open(REQUEST, 'w') as f:
        f.write(d)
    os.kill(front_pid(), signal.SIGHUP)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if os.path.exists(DONE):
            with open(DONE) as f:
                result = f.read().strip()
            os.remove(DONE)
            if result != 'ok':
                sys.exit(result)
            return
        time.sleep(0.1)
    sys.exit('the store was not swapped within 120 s')


if __name__ == '__main__':
    command, args = sys.argv[1], sys.argv[2:]
    {'snapshot': snapshot, 'check': check, 'swap': swap}[command](*args)
