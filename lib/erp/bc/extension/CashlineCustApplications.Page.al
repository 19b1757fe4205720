// The applications of a customer ledger entry, payment side: Detailed Cust. Ledg. Entries of type Application whose
// entry is a payment (the original application, positive on the payment; the entry reversing an unapplied one is
// negative and left out). appliedToDocumentNumber is the document of the other side of the same transaction.
page 50101 "Cashline Cust. Applications"
{
    PageType = API;
    APIPublisher = 'cashline';
    APIGroup = 'finance';
    APIVersion = 'v1.0';
    EntityName = 'customerApplication';
    EntitySetName = 'customerApplications';
    EntityCaption = 'Customer Application';
    EntitySetCaption = 'Customer Applications';
    SourceTable = "Detailed Cust. Ledg. Entry";
    SourceTableView = where("Entry Type" = const(Application), "Initial Document Type" = const(Payment), Amount = filter(> 0));
    ODataKeyFields = SystemId;
    DelayedInsert = true;
    Editable = false;
    Extensible = false;

    layout
    {
        area(Content)
        {
            repeater(Applications)
            {
                field(id; Rec.SystemId) { Caption = 'Id'; }
                field(entryNumber; Rec."Entry No.") { Caption = 'Entry No.'; }
                field(custLedgerEntryNumber; Rec."Cust. Ledger Entry No.") { Caption = 'Cust. Ledger Entry No.'; }
                field(appliedToDocumentNumber; AppliedToDocumentNo) { Caption = 'Applied-to Document No.'; }
                field(amount; Rec.Amount) { Caption = 'Amount'; }
                field(postingDate; Rec."Posting Date") { Caption = 'Posting Date'; }
                field(documentNumber; Rec."Document No.") { Caption = 'Document No.'; }
                field(unapplied; Rec.Unapplied) { Caption = 'Unapplied'; }
            }
        }
    }

    var
        AppliedToDocumentNo: Code[20];

    trigger OnAfterGetRecord()
    var
        OtherSide: Record "Detailed Cust. Ledg. Entry";
        Entry: Record "Cust. Ledger Entry";
    begin
        AppliedToDocumentNo := '';
        OtherSide.SetRange("Transaction No.", Rec."Transaction No.");
        OtherSide.SetRange("Entry Type", OtherSide."Entry Type"::Application);
        OtherSide.SetFilter("Cust. Ledger Entry No.", '<>%1', Rec."Cust. Ledger Entry No.");
        OtherSide.SetFilter(Amount, '<0');
        if OtherSide.FindFirst() then
            if Entry.Get(OtherSide."Cust. Ledger Entry No.") then
                AppliedToDocumentNo := Entry."Document No.";
    end;
}
