"""The Record page's parts: one module per record kind and what they share."""
