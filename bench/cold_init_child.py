"""One cold-init measurement, in a fresh python -I -S process: RUNTIME_DIR CODE_DIR WHAT.

WHAT is boto3 (one AppIntegrations client, the floor any handler pays), handler (import the asset's
entry module, which builds its crhelper helper and client), or crhelper-default (crhelper's default
CfnResource plus one client). Prints the seconds it took.
"""

import sys
import time


def main() -> None:
    runtime_dir, code_dir, what = sys.argv[1:4]
    sys.path[:0] = [code_dir, runtime_dir]
    started = time.perf_counter()
    if what == "handler":
        import cdk_appintegrations_handler.entry  # noqa: F401 - importing it is the cold init
    else:
        import boto3

        if what == "crhelper-default":
            from crhelper import CfnResource

            CfnResource()
        boto3.client("appintegrations")
    print(time.perf_counter() - started)


if __name__ == "__main__":
    main()
