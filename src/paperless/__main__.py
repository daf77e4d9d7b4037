from paperless.cli.main import main

raise SystemExit(main())
