"""Start the reference portal: python -m reference_app [--host H] [--port P]."""

from __future__ import annotations

import argparse
import sys

from werkzeug.serving import make_server

from reference_app import create_app
from reference_app.demo import DEMO_PASSWORD, RESIDENTS


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(
        prog="python -m reference_app",
        description="Run the Citizen Self Service reference portal with its demo data.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=5000, help="port to listen on (0: any free)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Serve the portal until interrupted."""
    args = parse_args(argv)
    app = create_app()
    # make_server explains a port already in use and exits; nothing more to catch here.
    server = make_server(args.host, args.port, app, threaded=True)
    print(
        f"Citizen Self Service reference portal: http://{args.host}:{server.port}/\n"
        f"Demo sign-in: {RESIDENTS[0]} / {DEMO_PASSWORD}   (Ctrl+C to stop)",
        flush=True,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("Stopped.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
