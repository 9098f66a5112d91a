"""The first-contact desk's screens: contact form, queues, waiting-room display, quiet room,
statistics."""
