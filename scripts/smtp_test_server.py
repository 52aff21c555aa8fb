#!/usr/bin/env python3
"""A real SMTP server (aiosmtpd) on 127.0.0.1 for Bunkai's mail tests (MailTLSTests).

    smtp_test_server.py MODE CERT KEY OUTDIR

MODE is `starttls` (STARTTLS offered and required before MAIL and AUTH), `tls` (implicit TLS
from the first byte) or `plain` (no STARTTLS offered). It listens on a free port, prints
`PORT n` once it is listening, and writes each message it accepts to OUTDIR/N.eml with the
envelope and whether the session was encrypted in OUTDIR/N.json. AUTH PLAIN accepts the user
`relay` with the password `pw` (over TLS only). It stops when its standard input closes.
"""
import asyncio
import json
import os
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult


class Keep:
    def __init__(self, outdir):
        self.outdir = outdir
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(self.outdir, str(self.count))
        with open(base + ".eml", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        with open(base + ".json", "w") as f:
            json.dump(
                {
                    "mail_from": envelope.mail_from,
                    "rcpt_tos": envelope.rcpt_tos,
                    "tls": server.transport.get_extra_info("ssl_object") is not None,
                    "auth": session.authenticated,
                },
                f,
            )
        return "250 OK"


def authenticate(server, session, envelope, mechanism, data):
    ok = data is not None and data.login == b"relay" and data.password == b"pw"
    return AuthResult(success=ok)


async def main():
    mode, cert, key, outdir = sys.argv[1:5]
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    handler = Keep(outdir)

    def factory():
        # AUTH only over TLS; aiosmtpd counts only STARTTLS as TLS, so implicit TLS says so itself.
        kwargs = dict(hostname="localhost", authenticator=authenticate, auth_require_tls=mode != "tls")
        if mode == "starttls":
            kwargs.update(tls_context=context, require_starttls=True)
        return SMTP(handler, **kwargs)

    loop = asyncio.get_running_loop()
    server = await loop.create_server(factory, "127.0.0.1", 0, ssl=context if mode == "tls" else None)
    port = server.sockets[0].getsockname()[1]
    print(f"PORT {port}", flush=True)
    # Serve until the test closes our standard input.
    await loop.run_in_executor(None, sys.stdin.read)
    server.close()


if __name__ == "__main__":
    asyncio.run(main())
