# botocore's own INI loader over generated files, for test/oracle/ini-dialects.test.ts: stdin is a
# JSON array of {path, kind}; stdout one result per file: the profiles botocore builds
# (load_config's build_profile_map for a config file, raw_config_parse for a credentials file),
# nested blocks flattened to "key.sub" as the tool names them, or the exception's class.
# Run with Debian's /usr/bin/python3 (its botocore) and no network.
import json
import sys

import botocore.configloader as cl
import botocore.exceptions


def flat(section):
    out = {}
    for k, v in section.items():
        if isinstance(v, dict):
            for sk, sv in v.items():
                out[k + '.' + sk] = sv
        else:
            out[k] = v
    return out


def read(item):
    try:
        if item['kind'] == 'config':
            parsed = cl.load_config(item['path'])
            return {'ok': True, 'profiles': {n: flat(p) for n, p in parsed['profiles'].items()}}
        return {'ok': True, 'profiles': {n: flat(p) for n, p in cl.raw_config_parse(item['path']).items()}}
    except botocore.exceptions.ConfigParseError as e:
        return {'ok': False, 'error': type(e).__name__}


sys.stdout.write(json.dumps([read(i) for i in json.load(sys.stdin)]))
