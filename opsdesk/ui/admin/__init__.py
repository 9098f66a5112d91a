"""The Administration section: staff accounts, teams, regions, the office profile, the audit
log (and the backup and retention tabs of ``opsdesk.ui.safety``), each shown by permission."""
