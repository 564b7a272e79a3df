"""The ``readq`` command line: argparse entry point and the subcommands; no Textual."""
