"""Reports the office files: the status workbook (Excel) and the status board (PNG)."""
