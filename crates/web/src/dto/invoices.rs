//! Invoices on the wire (issue 21, invoices): money as decimal strings, times RFC 3339, the
//! issue and due days as `YYYY-MM-DD`; `documents` are the PDFs' addresses (the contract only
//! for a legal entity).

use super::*;
use pronto_domain::invoice::status;
use pronto_domain::money::parse_decimal;
use pronto_store::invoices::InvoiceRecord;

/// Issue the invoice for an accepted offer of the lead.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct InvoiceIn {
    /// The lead's offer the customer accepted.
    #[schema(value_type = i64, required = true)]
    pub offer_id: Option<i64>,
}

/// A supplier's invoice attached to the customer's invoice (issue 21, the supplier's purchase):
/// the purchase of the same deal whose supplier's invoice arrived.
#[derive(Debug, Serialize, ToSchema)]
pub struct SupplierInvoiceOut {
    pub purchase_id: i64,
    pub supplier: String,
    pub number: String,
    pub amount: String,
    pub currency: String,
    /// The sealed file, for those who may read purchases.
    pub url: String,
}

/// A document of the invoice: `invoice` always, `contract` for a legal entity.
#[derive(Debug, Serialize, ToSchema)]
pub struct InvoiceDocumentOut {
    pub kind: String,
    pub url: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InvoiceLineOut {
    pub sku: Option<String>,
    pub name: String,
    pub unit: Option<String>,
    pub quantity: String,
    pub unit_price: String,
    pub discount: String,
    pub vat_rate: String,
    pub net: String,
    pub vat: String,
    pub gross: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InvoiceVatOut {
    pub rate: String,
    pub base: String,
    pub vat: String,
}

/// The customer as the requisites said when the invoice was issued.
#[derive(Debug, Serialize, ToSchema)]
pub struct InvoiceCustomerOut {
    /// `b2c` or `b2b`.
    pub customer_type: String,
    pub name: Option<String>,
    pub company: Option<String>,
    pub company_id: Option<String>,
    pub vat_id: Option<String>,
    pub address: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InvoiceOut {
    pub id: i64,
    pub lead_id: i64,
    pub offer_id: i64,
    pub number: String,
    /// The payment reference a transfer carries: digits only, at most ten.
    pub variable_symbol: String,
    pub issued_at: String,
    /// The last moment of the due day in the office's time zone.
    pub due_at: String,
    pub issue_date: String,
    pub due_date: String,
    /// `issued`, `partially_paid`, `paid`, `overdue` or `cancelled`.
    pub status: String,
    pub net: String,
    pub vat: String,
    pub gross: String,
    pub paid: String,
    pub currency: String,
    pub vat_summary: Vec<InvoiceVatOut>,
    pub lines: Vec<InvoiceLineOut>,
    pub customer: InvoiceCustomerOut,
    pub documents: Vec<InvoiceDocumentOut>,
    /// The suppliers' invoices attached to it (the deal's purchases with their invoice).
    pub supplier_invoices: Vec<SupplierInvoiceOut>,
}

impl InvoiceOut {
    /// Attaches the suppliers' invoices of the same deal (the purchases of its offer, or of
    /// its lead when a purchase names no offer) that have arrived.
    pub fn with_suppliers(mut self, purchases: &[pronto_store::purchases::PurchaseRecord]) -> InvoiceOut {
        self.supplier_invoices = purchases
            .iter()
            .filter(|p| p.lead_id == self.lead_id && p.offer_id.is_none_or(|o| o == self.offer_id))
            .filter_map(|p| {
                let i = p.invoice.as_ref()?;
                Some(SupplierInvoiceOut {
                    purchase_id: p.id,
                    supplier: p.supplier.clone(),
                    number: i.number.clone(),
                    amount: i.amount.clone(),
                    currency: i.currency.clone(),
                    url: format!("/api/v1/purchases/{}/supplier-invoice", p.id),
                })
            })
            .collect();
        self
    }

    /// The invoice as shown at `now`: its status from the amounts and the due moment.
    pub fn at(i: InvoiceRecord, now: jiff::Timestamp) -> InvoiceOut {
        let gross = parse_decimal(&i.gross).unwrap_or_default();
        let paid = parse_decimal(&i.paid).unwrap_or_default();
        // Overdue from the due moment on: compare as days (the due day, and the day of `now`
        // counted the same way — after the due moment it is the next day or later).
        let due = i.due_date.parse::<jiff::civil::Date>().unwrap_or(jiff::civil::Date::MAX);
        let today = if now >= i.due_at { due.tomorrow().unwrap_or(due) } else { due };
        let st = status(i.status == "cancelled", gross, paid, due, today).as_str().to_owned();
        let mut documents = vec![InvoiceDocumentOut { kind: "invoice".into(), url: format!("/api/v1/invoices/{}/pdf", i.id) }];
        if i.has_contract() {
            documents.push(InvoiceDocumentOut { kind: "contract".into(), url: format!("/api/v1/invoices/{}/contract.pdf", i.id) });
        }
        InvoiceOut {
            id: i.id,
            lead_id: i.lead_id,
            offer_id: i.offer_id,
            number: i.number,
            variable_symbol: i.variable_symbol,
            issued_at: i.issued_at.to_string(),
            due_at: (i.due_at - jiff::SignedDuration::from_secs(1)).to_string(),
            issue_date: i.issue_date,
            due_date: i.due_date,
            status: st,
            net: i.net,
            vat: i.vat,
            gross: i.gross,
            paid: i.paid,
            currency: i.currency,
            vat_summary: i.vat_summary.into_iter().map(|r| InvoiceVatOut { rate: r.rate, base: r.base, vat: r.vat }).collect(),
            lines: i
                .lines
                .into_iter()
                .map(|l| InvoiceLineOut {
                    sku: l.sku,
                    name: l.name,
                    unit: l.unit,
                    quantity: l.quantity,
                    unit_price: l.unit_price,
                    discount: l.discount,
                    vat_rate: l.vat_rate,
                    net: l.net,
                    vat: l.vat,
                    gross: l.gross,
                })
                .collect(),
            customer: InvoiceCustomerOut {
                customer_type: i.customer_type,
                name: i.customer.name,
                company: i.customer.company,
                company_id: i.customer.company_id,
                vat_id: i.customer.vat_id,
                address: i.customer.address,
            },
            documents,
            supplier_invoices: vec![],
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InvoiceList {
    pub items: Vec<InvoiceOut>,
}

/// What the company's invoices say of it and how they are numbered.
#[derive(Debug, Serialize, ToSchema)]
pub struct InvoicingOut {
    pub registration_id: Option<String>,
    pub vat_id: Option<String>,
    pub bank_account: Option<String>,
    pub iban: Option<String>,
    pub bic: Option<String>,
    pub payment_terms_days: i64,
    pub invoice_pattern: String,
}

impl From<pronto_store::company::CompanyInvoicing> for InvoicingOut {
    fn from(i: pronto_store::company::CompanyInvoicing) -> Self {
        InvoicingOut {
            registration_id: i.registration_id,
            vat_id: i.vat_id,
            bank_account: i.bank_account,
            iban: i.iban,
            bic: i.bic,
            payment_terms_days: i.payment_terms_days,
            invoice_pattern: i.invoice_pattern,
        }
    }
}
