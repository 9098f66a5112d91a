"""Safety in the GUI: backups and restore, the damaged-database offer, the idle lock, retention."""
