"""Pages may show images from the bucket that holds the media: its address is an allowed image
source in the Content-Security-Policy, and only when media live in a bucket."""

import pytest

from ops.storage import s3_media_origins


@pytest.mark.parametrize(
    ("variables", "origins"),
    [
        ({}, []),
        (
            {
                "AWS_STORAGE_BUCKET_NAME": "clinic-media",
                "AWS_S3_CUSTOM_DOMAIN": "media.clinic.example",
            },
            ["https://media.clinic.example"],
        ),
        (
            {
                "AWS_STORAGE_BUCKET_NAME": "clinic-media",
                "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9000",
            },
            ["http://127.0.0.1:9000", "http://clinic-media.127.0.0.1:9000"],
        ),
        (
            {"AWS_STORAGE_BUCKET_NAME": "clinic-media", "AWS_S3_REGION_NAME": "eu-central-1"},
            [
                "https://clinic-media.s3.amazonaws.com",
                "https://clinic-media.s3.eu-central-1.amazonaws.com",
            ],
        ),
    ],
)
def test_the_buckets_address_is_an_allowed_image_source(variables, origins):
    assert s3_media_origins(variables) == origins
