-- A company's leads and people, for the company view. Partial: most leads have no company,
-- and those cost intake nothing.
CREATE INDEX leads_company ON leads(company_id) WHERE company_id IS NOT NULL;
CREATE INDEX contacts_company ON contacts(company_id) WHERE company_id IS NOT NULL;
