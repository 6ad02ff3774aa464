"""The screens pushed over the main one, and the main screen itself (the principal/ package)."""
