"""ReportLab documents; imported only when something is printed."""
