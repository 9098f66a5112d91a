"""The "Raporty" section: choose a document and its parameters, preview, print, save.

``desk`` has the functions the first-contact desk calls to print a ticket or a referral slip.
"""
