from dragoman.cli.main import main

raise SystemExit(main())
