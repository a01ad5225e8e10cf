"""Pure-Python B2B meeting scheduler (no Django): see README.md in this folder."""
