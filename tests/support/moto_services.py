"""KMS and S3 on loopback: moto's server, in this process, with the keys the tests' events name.

The handler's pre-flight describes the KMS key and the S3 source bucket; moto 5.2.5 serves both. moto
gives each new key a random id, while the events name KEY_ARN and OTHER_KEY_ARN, as a template names
its key. So `key()` creates a key under a chosen id by holding moto's id generator
(moto.kms.models.generate_key_id) to it for that one CreateKey, then checks that moto used it: a moto
that names its keys another way fails here, not in a test that merely expected the key to exist.
"""

import logging
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

import boto3
from constants import ACCOUNT, KEY_ARN, OTHER_KEY_ARN, REGION
from moto.server import ThreadedMotoServer


class Moto:
    """moto's server at a URL, and what the tests make there."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._clients: dict[tuple[str, str], Any] = {}

    def client(self, service: str, region: str = REGION) -> Any:
        """A boto3 client of this server, in a region."""
        if (service, region) not in self._clients:
            self._clients[service, region] = boto3.client(
                service,
                region_name=region,
                endpoint_url=self.url,
                aws_access_key_id="testing",
                aws_secret_access_key="testing",
            )
        return self._clients[service, region]

    def key(self, key_id: str | None = None, region: str = REGION, **settings: Any) -> str:
        """A new key, made with these CreateKey settings only, under key_id or moto's own: its ARN.

        Without settings it is KMS's default, a symmetric encryption key, which moto describes without KeyUsage
        (real KMS always answers it): the pre-flight meets moto's answer as it is.
        """
        kms = self.client("kms", region)
        if key_id is None:
            return str(kms.create_key(**settings)["KeyMetadata"]["Arn"])
        with mock.patch("moto.kms.models.generate_key_id", return_value=key_id):
            key_arn = str(kms.create_key(**settings)["KeyMetadata"]["Arn"])
        assert key_arn == f"arn:aws:kms:{region}:{ACCOUNT}:key/{key_id}", key_arn
        return key_arn

    def disable(self, key_arn: str) -> None:
        """Disable a key (moto takes its id here, not its ARN)."""
        self.client("kms", key_arn.split(":")[3]).disable_key(KeyId=key_arn.rsplit("/", 1)[1])

    def schedule_deletion(self, key_arn: str) -> None:
        """Schedule a key's deletion, in the shortest window KMS allows."""
        kms = self.client("kms", key_arn.split(":")[3])
        kms.schedule_key_deletion(KeyId=key_arn.rsplit("/", 1)[1], PendingWindowInDays=7)

    def bucket(self, region: str = REGION) -> str:
        """A new S3 bucket in the region: its name."""
        name = f"articles-{uuid.uuid4().hex[:16]}"
        located = {} if region == "us-east-1" else {"CreateBucketConfiguration": {"LocationConstraint": region}}
        self.client("s3", region).create_bucket(Bucket=name, **located)
        return name


@contextmanager
def moto_services() -> Iterator[Moto]:
    """moto's server on a free loopback port, holding KEY_ARN and OTHER_KEY_ARN."""
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no line per request
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        moto = Moto(f"http://{host}:{port}")
        # The keys the events name stand for real keys, which real KMS describes with their KeyUsage; moto.key()
        # without settings makes one as moto describes it.
        for key_arn in (KEY_ARN, OTHER_KEY_ARN):
            moto.key(key_arn.rsplit("/", 1)[1], KeySpec="SYMMETRIC_DEFAULT", KeyUsage="ENCRYPT_DECRYPT")
        yield moto
    finally:
        server.stop()
