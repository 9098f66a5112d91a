"""Preview, print and save documents given as PDF bytes (no ReportLab here).

``preview_dialog.DocumentPreviewDialog`` shows a finished PDF; ``document_flow.
preview_document`` builds one off the GUI thread first and then shows it.
"""
