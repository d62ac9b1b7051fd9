# The lists area's words (en).
lists-late-nav = Late now
lists-leads = All inquiries
lists-all-leads = All inquiries, closed ones too
lists-leads-hint = Every inquiry, open and closed; filter, sort by any column, act on several at once.
lists-any-status = Any status
lists-status-open = Open
lists-status-won = Won
lists-status-lost = Lost
lists-status-junk = Junk
lists-select-page = Select all on this page
lists-pages = Pages
lists-prev = ← Previous
lists-next = Next →
lists-range = { $first }–{ $last } of { $total }
lists-range-none = None of { $total }
lists-bulk = With the selected
lists-bulk-selected = With the selected:
lists-bulk-assign = Assign
lists-bulk-move = Move
lists-bulk-close = Close
lists-inquiries = { $n ->
    [one] one inquiry
   *[other] { $n } inquiries
}
lists-bulk-assign-q = Assign { $leads } to { $to }?
lists-bulk-stage-q = Move { $leads } to “{ $to }”?
lists-bulk-close-q = Close { $leads } as “{ $to }”?
lists-bulk-assign-yes = Yes, assign
lists-bulk-stage-yes = Yes, move
lists-bulk-close-yes = Yes, close
lists-bulk-assign-done = { $n } assigned
lists-bulk-stage-done = { $n } moved
lists-bulk-close-done = { $n } closed
lists-bulk-refused = { $n } refused
lists-bulk-refused-list = Not changed
lists-back-to-list = Back to the list
lists-cancel = Cancel
lists-bulk-none = Tick at least one inquiry first.
lists-bulk-too-many = At most 500 inquiries at once.
lists-bulk-no-action = Choose what to do with them.
lists-merge-col = Same person?
lists-merge-hint = The same person entered twice? “Merge…” on one of them, find the other, compare them and choose which stays. A merge can be undone for a day.
lists-merge-start = Merge…
lists-company-id = Company ID
lists-merge-title = Merge contacts
lists-merge-compare-hint = Both records side by side. The one you keep stays; the other's inquiries, phone numbers and e-mails move to it.
lists-merge-keep = Keep this one
lists-merge-what = Nothing is lost: the other record is kept for the record, and you can undo the merge for 24 hours.
lists-merge-confirm = Merge them
lists-merge-other = Choose another
lists-merge-find = Which record is also { $name }? Search by name, phone or e-mail.
lists-merge-none = No other contact matches.
lists-merge-compare = Compare
lists-merged-title = Merged
lists-merged = { $merged } merged into { $kept }:
lists-unmerged-title = Merge undone
lists-unmerged = { $kept } and { $merged } are two contacts again, with their own inquiries, phones and e-mails.
lists-undo = Undo
lists-undo-until = You can undo this until { $until }, while neither contact changes.
lists-back-to-contacts = Back to contacts
lists-moved-leads = { $n ->
    [one] one inquiry
   *[other] { $n } inquiries
} moved
lists-moved-activities = { $n ->
    [one] one activity
   *[other] { $n } activities
}
lists-moved-identities = { $n ->
    [one] one phone or e-mail
   *[other] { $n } phones and e-mails
}
lists-late-title = Late now
lists-late-hint-all = Everyone's overdue tasks and breached or at-risk deadlines, the latest first.
lists-late-hint-mine = Your overdue tasks and deadlines, and those nobody holds, the latest first.
lists-late-none = Nothing is late. Well done.
lists-late-what = What
lists-late-holder = Who holds it
lists-late-how = How late
lists-late-kind-task = Task
lists-late-kind-breached = Breached
lists-late-kind-at-risk = At risk
lists-late-task = { $title }
lists-late-breached = { $title }
lists-late-at-risk = { $title }
lists-late-by = { $time } late
lists-late-due-in = due in { $time }
