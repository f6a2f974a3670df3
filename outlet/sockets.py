"""Asking a socket whether it has something to say, without reading it."""

import select


def readable(fd: int, timeout: float = 0.0) -> bool:
    """Whether the socket has something to read, waiting up to `timeout` seconds (poll():
    select() refuses descriptors past 1023)."""
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    return bool(poller.poll(timeout * 1000))
