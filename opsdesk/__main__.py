from opsdesk.cli import main

raise SystemExit(main())
