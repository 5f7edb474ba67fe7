// Malformed and well-formed URLs with credentials (issue 9), shared by the unit fuzz and the end-to-end proof.
export const SECRET = 'S3cr3tPw'

/** Malformed and well-formed credential URLs; every one carries SECRET somewhere in its userinfo. */
export const CREDENTIAL_URLS: readonly string[] = [
  `http://user:${SECRET}@127.0.0.1:8001`,
  `http://user:${SECRET}/pw@127.0.0.1:8001`,
  `http://user:${SECRET} pw@127.0.0.1:8001`,
  `http:/user:${SECRET}@127.0.0.1:8001`,
  `http://user:${SECRET}@pw@127.0.0.1:8001`,
  `http://user:${SECRET}#x@127.0.0.1:8001`,
  `http://user:${SECRET}?x@127.0.0.1:8001`,
  `http://user:${SECRET}@`,
  `http://user:${SECRET}@127.0.0.1:notaport`,
  `HTTPS://USER:${SECRET}@gw.example/harena`,
  `http:\\\\user:${SECRET}@127.0.0.1`,
  `//user:${SECRET}@127.0.0.1:8001`,
  `user:${SECRET}@127.0.0.1:8001`,
  `http://:${SECRET}@127.0.0.1:8001`,
  `http://${SECRET}@127.0.0.1:8001`,
  `http://user:${SECRET}@@127.0.0.1:8001`,
  `http://user:${SECRET}%40x@127.0.0.1:8001`,
  ` http://user:${SECRET}@127.0.0.1:8001/harena `,
  `htp://user:${SECRET}@127.0.0.1:8001`,
  `http://user:${SECRET}`,
  `http://user:${SECRET}:more@[::1]:8001`,
  `ftp://user:${SECRET}@127.0.0.1`,
]
