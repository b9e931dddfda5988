"""Person data: a person's requests to see or erase what the clinic holds about them ("Find a
person", the copy, the erasure, the person requests and their audit) and retention, which removes
the personal data of closed leads once their time is up. It works on the leads app's leads and
inquiries; leads never imports it."""
