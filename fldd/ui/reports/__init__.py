"""Report actions: the dialogs that write reports in the background and open them."""
