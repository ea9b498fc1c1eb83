"""Views of the drafting app, one module per activity: reading, editing, comparing."""
