// Assign to the Microsoft Entra application Cashline signs in as (Microsoft Entra Applications page), beside the
// permissions its API v2.0 calls need (e.g. D365 BUS FULL ACCESS or a narrower set).
permissionset 50100 "CASHLINE API"
{
    Assignable = true;
    Caption = 'Cashline finance API';
    Permissions =
        page "Cashline Cust. Ledger API" = X,
        page "Cashline Cust. Applications" = X,
        tabledata "Cust. Ledger Entry" = RM,
        tabledata "Detailed Cust. Ledg. Entry" = RIM,
        tabledata "G/L Entry" = RI,
        tabledata "Apply Unapply Parameters" = RIMD;
}
