# Pronto: the customer's own page (/t/…) and the published process (/process/…), English.
# Also the few words the team's screens need about it. Keys start with `c-`.

c-page-title = Your inquiry
c-hello = Hello { $name },
c-hello-anon = Hello,
c-intro = This page shows how your inquiry is going: the steps of our process, where you are now and what comes next.
c-received = Received { $when }
c-language = Language

# Who takes care of the customer.
c-who = Taking care of you: { $name }, { $role }
c-who-role = Taking care of you: our { $role }

# Whether the case is within our standard time.
c-on-time = Your inquiry is on time.
c-late = This step is taking longer than our standard time. We are on it; you can also write to us below.
c-closed-won = Done: thank you for your trust.
c-closed-lost = This inquiry is closed.
c-next = Next: { $step }
c-next-within = Our standard time: { $duration }
c-next-by = Expected by { $when }
c-next-depends = The next step starts when we hear from you.

# The steps.
c-steps = The steps
c-step-done = done
c-step-current = you are here
c-step-ahead = ahead
c-generic-received = Received
c-generic-received-desc = We have your inquiry and a person is taking care of it.
c-generic-in_progress = In progress
c-generic-in_progress-desc = We are working on your inquiry.
c-generic-done = Done
c-generic-done-desc = Your inquiry is complete.
c-generic-closed = Closed
c-generic-closed-desc = This inquiry is closed.

# Standard times.
c-within-minutes = { $n ->
    [one] within 1 minute
   *[other] within { $n } minutes
}
c-within-working-minutes = { $n ->
    [one] within 1 working minute
   *[other] within { $n } working minutes
}
c-within-hours = { $n ->
    [one] within 1 hour
   *[other] within { $n } hours
}
c-within-working-hours = { $n ->
    [one] within 1 working hour
   *[other] within { $n } working hours
}
c-within-days = { $n ->
    [one] within 1 day
   *[other] within { $n } days
}
c-within-working-days = { $n ->
    [one] within 1 working day
   *[other] within { $n } working days
}

# Roles, as the customer reads them.
c-role-admin = administrator
c-role-manager = sales manager
c-role-consultant = consultant
c-role-specialist = specialist
c-role-coordinator = coordinator
c-role-secretary = secretary

# What has happened, in the customer's words. `$role` is already a word from above.
c-history = What has happened
c-history-empty = Nothing yet.
c-h-received = We received your inquiry ({ $channel })
c-h-assigned = A person from our team took charge of your inquiry
c-h-step = Step reached: { $step }
c-h-called = Our { $role } called you
c-h-called-anon = We called you
c-h-tried = Our { $role } tried to call you
c-h-tried-anon = We tried to call you
c-h-you-called = You called us
c-h-emailed = Our { $role } sent you an e-mail
c-h-emailed-anon = We sent you an e-mail
c-h-you-emailed = You wrote us an e-mail
c-h-texted = We sent you a text message
c-h-met = You met our { $role }
c-h-met-anon = You met us
c-h-you-wrote = You wrote:
c-h-you-asked-callback = You asked us to call you back { $when }
c-h-you-sent = You sent the document { $name }

# Channels.
c-channel-web = web form
c-channel-email = e-mail
c-channel-phone = phone
c-channel-in_person = in person
c-channel-api = online

# Days and months, for "Tue 24 Nov 10:02".
c-day-1 = Mon
c-day-2 = Tue
c-day-3 = Wed
c-day-4 = Thu
c-day-5 = Fri
c-day-6 = Sat
c-day-7 = Sun
c-month-1 = Jan
c-month-2 = Feb
c-month-3 = Mar
c-month-4 = Apr
c-month-5 = May
c-month-6 = Jun
c-month-7 = Jul
c-month-8 = Aug
c-month-9 = Sep
c-month-10 = Oct
c-month-11 = Nov
c-month-12 = Dec
c-datetime = { $day } { $d } { $month } { $time }

# What the customer can do.
c-write = Write to us
c-message-label = Your message
c-message-send = Send the message
c-callback = Call me back
c-callback-when = When
c-callback-note = Note (optional)
c-callback-send = Ask for a call
c-upload = Send a document
c-upload-help = For example your company details or the data needed for delivery. PDF, image, Word, Excel, OpenDocument or text, up to { $mb } MB. Documents are stored encrypted.
c-upload-file = Document
c-upload-send = Send the document
c-sent-message = Thank you: your message has been passed on.
c-sent-callback = Thank you: we will call you back at the time you asked for.
c-sent-document = Thank you: your document has been received.
c-error-message = Please write a message (at most { $n } characters).
c-error-callback-time = Please choose a time in the future, within the next 30 days.
c-error-file-missing = Please choose a file.
c-error-file-size = The file is too large: at most { $mb } MB.
c-error-file-type = This kind of file is not accepted: send a PDF, image, Word, Excel, OpenDocument or text file.
c-error-too-many = Too many requests; please try again in a minute.
c-private = This page is private: anyone with its link can see it, so please do not share the link.

# The published process.
c-process-title = What you can expect from us
c-process-intro = Every inquiry goes through these steps. The times are our standards; working time is Monday to Friday during office hours.
c-process-who = Who: our { $role }
c-process-then = Then: { $duration }

# A page that does not exist (a wrong, replaced or expired link).
c-not-found-title = This page does not exist
c-not-found-text = The link is not valid: it may have expired or been replaced. Contact us and we will send you a new one.

# The team's screens.
c-team-page = Customer's page
c-team-page-help = The customer follows their inquiry here. Revoke the link if it reached the wrong person: a new one is made and the old one stops working.
c-team-revoke = Revoke the link
c-team-documents = Documents from the customer
