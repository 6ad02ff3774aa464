"""The Textual interface: the app, its panes and its dialogs (the only layer that imports textual)."""
