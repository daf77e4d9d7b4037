import multiprocessing

from paperless.cli.main import main

if __name__ == "__main__":  # the render process (multiprocessing, spawn) imports this module too
    multiprocessing.freeze_support()  # in the frozen app, the render process starts here
    raise SystemExit(main())
