import { generateKeyPairSync, randomBytes } from 'node:crypto';

/** SSH wire encoding: a uint32 length, then the bytes. */
function sshString(data: Buffer | string): Buffer {
  const body = typeof data === 'string' ? Buffer.from(data) : data;
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length);
  return Buffer.concat([len, body]);
}

/** An SSH mpint from unsigned big-endian bytes (a leading zero keeps it positive). */
function sshMpint(bytes: Buffer): Buffer {
  let b = bytes;
  while (b.length > 1 && b[0] === 0) b = b.subarray(1);
  if (b[0]! & 0x80) b = Buffer.concat([Buffer.from([0]), b]);
  return sshString(b);
}

const pemWrap = (label: string, der: Buffer) =>
  `-----BEGIN ${label}-----\n${der.toString('base64').match(/.{1,70}/g)!.join('\n')}\n-----END ${label}-----`;

export interface KeyParts {
  Public: string;
  Private: string;
  PublicSsh: string;
  PrivateSsh?: string;
}

/** An Ed25519 pair: PEM (SPKI/PKCS#8), the authorized_keys line and the OpenSSH private key. */
export function ed25519Key(): KeyParts {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  const pub = Buffer.from(jwk.x!, 'base64url');
  const seed = Buffer.from(jwk.d!, 'base64url');
  const pubBlob = Buffer.concat([sshString('ssh-ed25519'), sshString(pub)]);
  const check = randomBytes(4);
  let priv = Buffer.concat([check, check, sshString('ssh-ed25519'), sshString(pub), sshString(Buffer.concat([seed, pub])), sshString('')]);
  const pad: number[] = [];
  for (let i = 1; (priv.length + pad.length) % 8 !== 0; i++) pad.push(i);
  priv = Buffer.concat([priv, Buffer.from(pad)]);
  const one = Buffer.alloc(4);
  one.writeUInt32BE(1);
  const body = Buffer.concat([Buffer.from('openssh-key-v1\0'), sshString('none'), sshString('none'), sshString(''), one, sshString(pubBlob), sshString(priv)]);
  return {
    Public: publicKey.export({ type: 'spki', format: 'pem' }).toString().trim(),
    Private: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString().trim(),
    PublicSsh: `ssh-ed25519 ${pubBlob.toString('base64')}`,
    PrivateSsh: pemWrap('OPENSSH PRIVATE KEY', body),
  };
}

/** An RSA 4096-bit pair: PEM (SPKI/PKCS#8) and the authorized_keys line. */
export function rsa4096Key(): KeyParts {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 4096 });
  const jwk = publicKey.export({ format: 'jwk' });
  const blob = Buffer.concat([sshString('ssh-rsa'), sshMpint(Buffer.from(jwk.e!, 'base64url')), sshMpint(Buffer.from(jwk.n!, 'base64url'))]);
  return {
    Public: publicKey.export({ type: 'spki', format: 'pem' }).toString().trim(),
    Private: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString().trim(),
    PublicSsh: `ssh-rsa ${blob.toString('base64')}`,
  };
}
