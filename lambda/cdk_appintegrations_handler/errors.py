"""The two ways a request fails: a plan that refuses, and an API call that failed."""


class PlanError(Exception):
    """The event, or what exists, asks for something that must fail: the message is the reason."""


class ApiError(Exception):
    """An API call failed: the message is the reason; code and message are the service's, if any."""

    def __init__(self, reason: str, code: str = "", message: str = "") -> None:
        super().__init__(reason)
        self.code = code
        self.message = message
