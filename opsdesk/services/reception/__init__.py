"""The first-contact desk: registering contacts, the queues, the waiting-room display, the
quiet room, the desk's statistics."""
