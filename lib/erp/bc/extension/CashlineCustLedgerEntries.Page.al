// Customer ledger entries for Cashline, with their applications, and the two bound actions API v2.0 lacks:
//   GET  /api/cashline/finance/v1.0/companies({id})/customerLedgerEntries?$filter=documentNumber eq 'R-1'&$expand=applications
//   POST /api/cashline/finance/v1.0/companies({id})/customerLedgerEntries({id})/Microsoft.NAV.unapply  {"postingDate"}
//   POST /api/cashline/finance/v1.0/companies({id})/customerLedgerEntries({id})/Microsoft.NAV.apply    {"appliesToDocumentNumber","amountToApply","postingDate"}
// Bound actions as Microsoft documents them for API pages: a [ServiceEnabled] procedure with a WebServiceActionContext,
// called with the Microsoft.NAV. prefix. The posting itself is the base application's codeunit 226
// "CustEntry-Apply Posted Entries", exactly as the Customer Ledger Entries page's Apply/Unapply Entries actions do it.
page 50100 "Cashline Cust. Ledger API"
{
    PageType = API;
    APIPublisher = 'cashline';
    APIGroup = 'finance';
    APIVersion = 'v1.0';
    EntityName = 'customerLedgerEntry';
    EntitySetName = 'customerLedgerEntries';
    EntityCaption = 'Customer Ledger Entry';
    EntitySetCaption = 'Customer Ledger Entries';
    SourceTable = "Cust. Ledger Entry";
    ODataKeyFields = SystemId;
    DelayedInsert = true;
    InsertAllowed = false;
    DeleteAllowed = false;
    ModifyAllowed = false;
    Extensible = false;

    layout
    {
        area(Content)
        {
            repeater(Entries)
            {
                field(id; Rec.SystemId) { Caption = 'Id'; }
                field(entryNumber; Rec."Entry No.") { Caption = 'Entry No.'; }
                field(documentType; Rec."Document Type") { Caption = 'Document Type'; }
                field(documentNumber; Rec."Document No.") { Caption = 'Document No.'; }
                field(externalDocumentNumber; Rec."External Document No.") { Caption = 'External Document No.'; }
                field(customerNumber; Rec."Customer No.") { Caption = 'Customer No.'; }
                field(description; Rec.Description) { Caption = 'Description'; }
                field(postingDate; Rec."Posting Date") { Caption = 'Posting Date'; }
                field(currencyCode; Rec."Currency Code") { Caption = 'Currency Code'; }
                field(amount; Rec.Amount) { Caption = 'Amount'; }
                field(remainingAmount; Rec."Remaining Amount") { Caption = 'Remaining Amount'; }
                field(open; Rec.Open) { Caption = 'Open'; }
                field(lastModifiedDateTime; Rec.SystemModifiedAt) { Caption = 'Last Modified Date'; }
                part(applications; "Cashline Cust. Applications")
                {
                    Caption = 'Applications';
                    EntityName = 'customerApplication';
                    EntitySetName = 'applications';
                    SubPageLink = "Cust. Ledger Entry No." = field("Entry No.");
                }
            }
        }
    }

    trigger OnAfterGetRecord()
    begin
        Rec.CalcFields(Amount, "Remaining Amount");
    end;

    var
        NotOpenErr: Label 'One or more of the entries that you selected is closed. You cannot apply closed entries.';
        InvoiceNotFoundErr: Label 'The invoice %1 to apply to does not exist for customer %2.', Comment = '%1 = document no., %2 = customer no.';
        AmountErr: Label 'The amount to apply %1 must be positive and at most the remaining amount %2 of Cust. Ledger Entry No. %3.', Comment = '%1 = amount, %2 = remaining, %3 = entry no.';
        NotAppliedErr: Label 'Cust. Ledger Entry No. %1 was not applied.', Comment = '%1 = entry no.';

    /// Unapplies this entry's latest application (the only one BC lets go first) on postingDate.
    /// UnApplyCustLedgEntry would open page "Unapply Customer Entries" modally, which a web service session cannot do;
    /// this makes that page's Unapply action's calls: the checks of CheckCustLedgEntryToUnapply, then PostUnApplyCustomer.
    [ServiceEnabled]
    procedure unapply(var ActionContext: WebServiceActionContext; postingDate: Date)
    var
        DetailedEntry: Record "Detailed Cust. Ledg. Entry";
        ApplyUnapplyParameters: Record "Apply Unapply Parameters";
        CustEntryApplyPostedEntries: Codeunit "CustEntry-Apply Posted Entries";
    begin
        CustEntryApplyPostedEntries.CheckCustLedgEntryToUnapply(Rec."Entry No.", DetailedEntry);
        SetJournalFromSetup(ApplyUnapplyParameters);
        ApplyUnapplyParameters."Document No." := Rec."Document No.";
        ApplyUnapplyParameters."Posting Date" := postingDate;
        CustEntryApplyPostedEntries.PostUnApplyCustomer(DetailedEntry, ApplyUnapplyParameters);
        SetResult(ActionContext);
    end;

    /// Applies amountToApply of this open payment to the open invoice appliesToDocumentNumber of the same customer.
    [ServiceEnabled]
    procedure apply(var ActionContext: WebServiceActionContext; appliesToDocumentNumber: Code[20]; amountToApply: Decimal; postingDate: Date)
    var
        InvoiceEntry: Record "Cust. Ledger Entry";
        ApplyUnapplyParameters: Record "Apply Unapply Parameters";
        CustEntryApplyPostedEntries: Codeunit "CustEntry-Apply Posted Entries";
        ApplicationId: Code[50];
    begin
        Rec.CalcFields("Remaining Amount");
        if not Rec.Open then
            Error(NotOpenErr);
        if (amountToApply <= 0) or (amountToApply > -Rec."Remaining Amount") then
            Error(AmountErr, amountToApply, -Rec."Remaining Amount", Rec."Entry No.");
        InvoiceEntry.SetRange("Customer No.", Rec."Customer No.");
        InvoiceEntry.SetRange("Document Type", InvoiceEntry."Document Type"::Invoice);
        InvoiceEntry.SetRange("Document No.", appliesToDocumentNumber);
        if not InvoiceEntry.FindFirst() then
            Error(InvoiceNotFoundErr, appliesToDocumentNumber, Rec."Customer No.");
        if not InvoiceEntry.Open then
            Error(NotOpenErr);

        // mark both entries with one Applies-to ID, the payment as the applying entry (what Apply Entries does)
        ApplicationId := CopyStr(Format(CreateGuid()), 1, MaxStrLen(ApplicationId));
        Rec."Applying Entry" := true;
        Rec."Applies-to ID" := ApplicationId;
        Rec.Validate("Amount to Apply", -amountToApply);
        Codeunit.Run(Codeunit::"Cust. Entry-Edit", Rec);
        InvoiceEntry."Applies-to ID" := ApplicationId;
        InvoiceEntry.Validate("Amount to Apply", amountToApply);
        Codeunit.Run(Codeunit::"Cust. Entry-Edit", InvoiceEntry);

        SetJournalFromSetup(ApplyUnapplyParameters);
        ApplyUnapplyParameters."Document No." := Rec."Document No.";
        ApplyUnapplyParameters."Posting Date" := postingDate;
        Rec.Get(Rec."Entry No.");
        if not CustEntryApplyPostedEntries.Apply(Rec, ApplyUnapplyParameters) then
            Error(NotAppliedErr, Rec."Entry No.");
        SetResult(ActionContext);
    end;

    // as codeunit 226's OnRun: the apply journal named in General Ledger Setup when journal templates are mandatory
    local procedure SetJournalFromSetup(var ApplyUnapplyParameters: Record "Apply Unapply Parameters")
    var
        GLSetup: Record "General Ledger Setup";
    begin
        GLSetup.Get();
        if GLSetup."Journal Templ. Name Mandatory" then begin
            ApplyUnapplyParameters."Journal Template Name" := GLSetup."Apply Jnl. Template Name";
            ApplyUnapplyParameters."Journal Batch Name" := GLSetup."Apply Jnl. Batch Name";
        end;
    end;

    local procedure SetResult(var ActionContext: WebServiceActionContext)
    begin
        ActionContext.SetObjectType(ObjectType::Page);
        ActionContext.SetObjectId(Page::"Cashline Cust. Ledger API");
        ActionContext.AddEntityKey(Rec.FieldNo(SystemId), Rec.SystemId);
        ActionContext.SetResultCode(WebServiceActionResultCode::Updated);
    end;
}
