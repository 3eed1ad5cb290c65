"""Action plans in and out of spreadsheets: the one reader and the one writer of CSV and XLSX.

The domain (`actions/`, `inspections/`) never imports this app; it imports them.
"""
