"""The office's web console: the status board, approvals, documents and people in a browser."""
