# Runs Debian's AWS CLI v2 (`aws configure list --debug`, the awscli package's own clidriver and
# its own botocore) once per scenario, all in this one interpreter: the interpreter and modules
# of /usr/bin/aws, whose whole program is `awscli.clidriver.main()`. Prints one JSON array on
# stdout: per scenario the exit code, stdout and stderr that `aws configure list --debug` wrote.
# Input (stdin): a JSON array of environments. Each run gets exactly its environment (os.environ
# replaced, as `env -i` would), a new CLI driver and session, and fresh debug log handlers
# writing to its own buffers, so nothing carries over from one scenario to the next.
# Started by botocore.test.ts inside a network namespace that has only loopback.
import io
import json
import logging
import os
import sys

STARTED_WITH = dict(os.environ)
import awscli.clidriver  # noqa: E402 - what the import adds to the environment is kept below

# awscli/__init__.py sets AWS_DATA_PATH (where its cli.json and models are) when imported; the
# real program imports it with the scenario's environment already in place, so each run keeps it
SET_BY_IMPORT = {k: v for k, v in os.environ.items() if STARTED_WITH.get(k) != v}
ARGS = ['configure', 'list', '--debug']
LOGGERS = ('', 'awscli', 'botocore', 's3transfer', 'urllib3')


def run(env):
    os.environ.clear()
    os.environ.update(SET_BY_IMPORT)
    os.environ.update(env)
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        code = awscli.clidriver.AWSCLIEntryPoint().main(list(ARGS))
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else 255
    finally:
        sys.stdout, sys.stderr = saved
        # --debug adds stream handlers on every run: drop them with the run's buffers
        for name in LOGGERS:
            logging.getLogger(name).handlers[:] = []
    return {'code': code, 'stdout': out.getvalue(), 'stderr': err.getvalue()}


envs = json.load(sys.stdin)
sys.stdout.write(json.dumps([run(env) for env in envs]))
