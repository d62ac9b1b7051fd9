# The reports area's words (cs).
reports-today = Dnes
reports-this-week = Tento týden
reports-this-month = Tento měsíc
reports-last-month = Minulý měsíc
reports-lead-n = Poptávka { $v }
reports-when = Kdy
reports-due-at = termín { $v }
reports-breached-at = porušeno { $v }
reports-sort-hint = Kliknutím na záhlaví sloupce podle něj seřadíte.
# offers
reports-offers = Nabídky
reports-offers-leads-sent = Poptávky s nabídkou
reports-offers-made = Vytvořené nabídky
reports-offers-sent = Odeslané
reports-offers-accepted = Přijaté
reports-offers-declined = Odmítnuté
reports-offers-changes = Žádost o změny
reports-offers-acceptance = Přijaté z rozhodnutých
reports-offers-money = Nabídnutá a získaná hodnota (s DPH)
reports-offers-offered-in = Nabídnuto { $v }
reports-offers-won-in = Získáno { $v }
reports-offers-times = Čas do nabídky a do rozhodnutí
reports-offers-to-offer-median = Poptávka → odeslaná nabídka, medián
reports-offers-to-offer-p90 = Poptávka → odeslaná nabídka, 90 %
reports-offers-to-decision-median = Nabídka → rozhodnutí, medián
reports-offers-to-decision-p90 = Nabídka → rozhodnutí, 90 %
reports-offers-chart-accepted = Přijaté nabídky
reports-offers-note = Nabídnutá hodnota počítá u každé poptávky poslední odeslanou nabídku (změněná nabídka nahrazuje předchozí), získaná hodnota přijaté nabídky; s DPH, po měnách, bez převodu.
reports-offers-funnel-offered = Nabídnuto (s DPH)
reports-offers-funnel-won = Získáno (s DPH)

# Peníze a obchodní report (issue 21).
reports-money = Peníze: fakturováno, zaplaceno, nezaplaceno
reports-money-chart = Vystavené faktury
reports-money-issued = Vystavené faktury
reports-money-paid = Plně zaplacené
reports-money-invoiced = Fakturováno
reports-money-received = Přijato
reports-money-outstanding = Nezaplaceno
reports-money-overdue = Po splatnosti
reports-money-overdue-invoices = Faktury po splatnosti
reports-money-none = V tomto období nebyla vystavena, zaplacena ani dlužena žádná faktura.
reports-money-note = Fakturováno: faktury vystavené v období. Přijato: platby zadané v období, na jakoukoli fakturu. Nezaplaceno a po splatnosti: co zbývalo zaplatit na konci období. Každá měna zvlášť, nikdy se nepřepočítává.
reports-sales = Obchodní report: kanál, obchodník, zpětná vazba zákazníků
reports-sales-by-channel = Podle kanálu
reports-sales-by-owner = Podle obchodníka
reports-sales-compare = Toto a předchozí období
reports-sales-this-period = Toto období
reports-sales-period-before = Předchozí období
reports-sales-note = Poptávky a jejich výsledek se počítají z poptávek přijatých v období; odpovědi z kontrolních hovorů jsou jejich. Stížnosti jsou ty zaznamenané v období: číslo je otevře na stránce Stížnosti.
reports-sales-complaints = { $n ->
    [one] 1 stížnost v tomto období: klikněte na číslo a otevřete ji.
    [few] { $n } stížnosti v tomto období: klikněte na číslo a otevřete je.
   *[other] { $n } stížností v tomto období: klikněte na číslo a otevřete je.
}
reports-sales-satisfied = Spokojení
reports-sales-dissatisfied = Nespokojení
