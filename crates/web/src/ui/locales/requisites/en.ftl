# The requisites area's words (issue 21).

## The requisites on the timeline
words-ev-requisites-staff-b2c = { $who } entered the customer's details (private person).
words-ev-requisites-staff-b2b = { $who } entered the customer's company details.
words-ev-requisites-api-b2c = { $who } entered the customer's details (private person) through the API.
words-ev-requisites-api-b2b = { $who } entered the customer's company details through the API.
words-ev-requisites-customer-b2c = The customer entered their details (private person) on their page.
words-ev-requisites-customer-b2b = The customer entered their company details on their page.
audit-requisites-id_document_read = Passport data read

## The confirmation to the customer
requisites-mail-subject = { $company }: we received your details
requisites-mail-subject-plain = We received your details
requisites-mail-text =
    Hello { $name },
    {""}
    thank you — we received your details for the invoice and the delivery.
    You can check them and follow your order on your page:
    { $link }
requisites-sms-text = Thank you, we received your details. Your page: { $link }

## The fields
requisites-f-customer_type = Who is the invoice for?
requisites-type-b2c = A private person
requisites-type-b2b = A company (legal entity)
requisites-f-full_name = Full name
requisites-f-phone = Phone
requisites-f-email = E-mail
requisites-f-address = Address
requisites-f-id_document = Passport or ID card (number, issued by, valid until)
requisites-f-company = Company name
requisites-f-company_id = Company ID (IČO)
requisites-f-vat_id = VAT ID (leave empty if not a VAT payer)
requisites-shown-vat_id = VAT ID
requisites-shown-id_document = Passport or ID card
requisites-f-contact_person = Contact person
requisites-hint-vat_id = With the country code, e.g. CZ12345678.
requisites-hint-id_document = The carrier needs it for the delivery. It is stored encrypted.

## Messages next to the fields
requisites-errors = Please correct the fields marked below.
requisites-err-type-required = Choose a private person or a company.
requisites-err-type-invalid = Choose a private person or a company.
requisites-err-required = Please fill this in.
requisites-err-not-for-type = This is not asked for this type of customer.
requisites-err-invalid-full_name = Write the name on one line, at most 200 characters.
requisites-err-invalid-phone = This is not a valid phone number.
requisites-err-invalid-email = This is not an e-mail address.
requisites-err-invalid-address = The address has characters that cannot be used, or is longer than 500 characters.
requisites-err-invalid-id_document = The passport data has characters that cannot be used, or is longer than 500 characters.
requisites-err-invalid-company = Write the company name on one line, at most 200 characters.
requisites-err-invalid-company_id = This is not a valid company ID (for a Czech IČO the check digit does not match).
requisites-err-invalid-contact_person = Write the name on one line, at most 200 characters.
requisites-err-vat-invalid = This is not a valid VAT ID: the country code and the number, e.g. CZ12345678 (CZ + 8–10 digits, SK/PL + 10, DE + 9, ATU + 8).

## The lead card and the staff's form
requisites-title = Customer's details
requisites-none = No details for the invoice yet.
requisites-enter = Enter the details
requisites-edit = Change the details
requisites-updated = Entered { $when } ({ $source }).
requisites-source-staff = by the team
requisites-source-api = through the API
requisites-source-customer = by the customer on their page
requisites-id-on-file = on file
requisites-id-hidden = Only the inquiry's owner, managers and admins see the passport data.
requisites-id-reveal = Show the passport data
requisites-id-audited = This view is recorded in the audit log.
requisites-edit-title = Details of { $who }
requisites-back = Back to the inquiry
requisites-choose = First choose who the invoice is for:
requisites-continue = Continue
requisites-save = Save the details
requisites-id-retype = The passport data is never filled into a form: type it again to keep it.
requisites-saved = Details saved. The customer was sent a confirmation.
requisites-denied = Only the inquiry's owner, someone with a task on it, managers and admins enter the customer's details.

## The customer's page
c-requisites-title = Your details for the invoice
c-requisites-ask = Thank you for accepting the offer. Please enter your details so we can prepare the invoice and the delivery.
c-requisites-intro = You can enter your details for the invoice here.
c-requisites-have = We have your details. Thank you!
c-requisites-change = Change my details
c-requisites-send = Send my details
c-sent-requisites = Thank you — we received your details. A confirmation is on its way to you.
