"""Exchange: workbooks and JSON answer packs between buyers and suppliers (openpyxl lives here)."""
