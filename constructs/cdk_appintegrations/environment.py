"""Where a stack deploys to, as far as its literal account and region tell."""

from dataclasses import dataclass

from aws_cdk import Stack

from .tokens import is_unresolved


@dataclass(frozen=True)
class Environment:
    """A stack's account and region; None where it is a token (an environment-agnostic stack)."""

    account: str | None
    region: str | None

    @classmethod
    def of(cls, stack: Stack) -> "Environment":
        """The stack's literal account and region."""
        account, region = stack.account, stack.region
        return cls(None if is_unresolved(account) else account, None if is_unresolved(region) else region)

    def may_be(self, other: "Environment") -> bool:
        """True unless a literal account or region tells the two apart."""
        pairs = ((self.account, other.account), (self.region, other.region))
        return all(a is None or b is None or a == b for a, b in pairs)
