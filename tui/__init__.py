"""The `duban` command line and the Textual dashboard."""
