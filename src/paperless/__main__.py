import sys

if __name__ == "__main__":
    if sys.argv[1:2] == ["--paperless-child"]:  # a child process (render, export): nothing else loads
        from paperless.core.isolation.entry import child_main

        raise SystemExit(child_main(sys.argv[2:]))
    from paperless.cli.main import main

    raise SystemExit(main())
