# Runs Debian's real botocore default credential chain once per scenario, all in this one
# interpreter, and prints, as one JSON array on stdout, what each resolved: the METHOD that won
# (credentials.method), or the exception that stopped it, and which providers were tried
# ("Looking for credentials via: X" debug lines).
# Input (stdin): a JSON array of environments. Each scenario runs with exactly its environment
# (os.environ is replaced, as `env -i` would) in a new botocore Session, so nothing carries over:
# botocore reads the environment and the files when the Session builds its resolver.
# Started by botocore.test.ts with /usr/bin/python3 inside a network namespace that has only
# loopback.
# For deferred methods (assume-role, assume-role-with-web-identity, sso) only .method is read:
# touching the keys would call STS. Otherwise the keys are read once, as the app's first API
# call would (a naive Expiration, for one, fails only then). No secret is printed.
import json
import logging
import os
import sys

import botocore
import botocore.session

DEFERRED = {'assume-role', 'assume-role-with-web-identity', 'sso'}


class Tried(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.methods = []

    def emit(self, record):
        msg = record.getMessage()
        prefix = 'Looking for credentials via: '
        if msg.startswith(prefix):
            self.methods.append(msg[len(prefix):])


def error(stage, e, method=None):
    return {'ok': False, 'stage': stage, 'method': method, 'name': type(e).__name__, 'message': str(e)[:400]}


def resolve(env):
    os.environ.clear()
    os.environ.update(env)
    tried = Tried()
    log = logging.getLogger('botocore.credentials')
    log.setLevel(logging.DEBUG)
    log.handlers[:] = [tried]
    log.propagate = False
    out = {'version': botocore.__version__}
    try:
        creds = botocore.session.Session().get_credentials()
    except Exception as e:  # noqa: BLE001 - any exception is the answer
        out.update(error('resolve', e))
    else:
        if creds is None:
            out.update({'ok': True, 'method': None})
        else:
            out.update({'ok': True, 'method': creds.method})
            if creds.method not in DEFERRED:
                try:
                    frozen = creds.get_frozen_credentials()
                    out['accessKeyId'] = frozen.access_key
                    # which variable the session token came from (never the token itself)
                    names = [n for n in ('AWS_SECURITY_TOKEN', 'AWS_SESSION_TOKEN') if frozen.token and os.environ.get(n) == frozen.token]
                    out['tokenFrom'] = names[0] if names else None
                except Exception as e:  # noqa: BLE001
                    out.update(error('first-use', e, creds.method))
    out['tried'] = tried.methods
    return out


envs = json.load(sys.stdin)
sys.stdout.write(json.dumps([resolve(env) for env in envs]))
