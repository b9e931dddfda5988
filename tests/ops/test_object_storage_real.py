"""Media in S3-compatible object storage, against moto's S3 server (a local process): an editor
uploads an image and a document in the admin, a page using the image is published, and the page,
its renditions and the document are fetched from the storage's address."""

import io
import json
import re
import shutil
import subprocess
import sys

import boto3
import pytest
import requests
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image

from ops.storage import s3_media_storage
from tests.factories import ArticlePageFactory, SuperUserFactory
from tests.real_stack import free_port, port_open, require_service, wait_until

pytestmark = [pytest.mark.real_services, pytest.mark.django_db]

BUCKET = "clinic-media"
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing-key", "AWS_SECRET_ACCESS_KEY": "testing-secret"}


def s3_client(address: str):
    return boto3.client(
        "s3",
        endpoint_url=address,
        region_name="us-east-1",
        aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
    )


@pytest.fixture
def s3_server(tmp_path):
    """moto's S3 server on a free port, with an empty bucket; yields its address."""
    moto = shutil.which("moto_server", path=sys.prefix + "/bin")
    require_service(moto is not None, "moto_server is not installed (pip install moto[server])")
    port = free_port()
    log = open(tmp_path / "moto.log", "wb")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [moto, "-H", "127.0.0.1", "-p", str(port)], stdout=log, stderr=subprocess.STDOUT
    )
    address = f"http://127.0.0.1:{port}"
    wait_until(lambda: port_open(address, port), 30, message="moto's S3 server")
    s3 = s3_client(address)
    s3.create_bucket(Bucket=BUCKET)
    # As in production: anyone may read the media (pages link to them), only the app may write.
    s3.put_bucket_policy(
        Bucket=BUCKET,
        Policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": "*",
                        "Action": "s3:GetObject",
                        "Resource": f"arn:aws:s3:::{BUCKET}/*",
                    }
                ],
            }
        ),
    )
    yield address
    process.terminate()
    process.wait(10)
    log.close()


def png_upload(name: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 900), (40, 120, 90)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def bucket_keys(address: str) -> set[str]:
    s3 = s3_client(address)
    return {item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


def test_admin_uploads_and_published_pages_use_the_object_store(
    s3_server, settings, client, article_index
):
    storage = s3_media_storage(
        {
            "AWS_STORAGE_BUCKET_NAME": BUCKET,
            "AWS_S3_ENDPOINT_URL": s3_server,
            "AWS_S3_REGION_NAME": "us-east-1",
            **CREDENTIALS,
        }
    )
    settings.STORAGES = {**settings.STORAGES, "default": storage}
    client.force_login(SuperUserFactory())

    response = client.post(
        "/admin/images/add/", {"title": "Infusion room", "file": png_upload("room.png")}
    )
    assert response.status_code == 302, response.content[:2000]
    image = Image.objects.get(title="Infusion room")
    response = client.post(
        "/admin/documents/add/",
        {
            "title": "Intake form",
            "file": SimpleUploadedFile("intake.pdf", b"%PDF-1.7 intake form", "application/pdf"),
        },
    )
    assert response.status_code == 302, response.content[:2000]
    document = Document.objects.get(title="Intake form")
    keys = bucket_keys(s3_server)
    assert f"media/{image.file.name}" in keys
    assert f"media/{document.file.name}" in keys

    article = ArticlePageFactory(
        parent=article_index, hero_image=image, hero_image_alt="A calm room with a recliner"
    )
    article.save_revision().publish()

    page = client.get(article.url)
    assert page.status_code == 200
    sources = set(re.findall(r'(?:src|srcset)="([^"]+)"', page.content.decode()))
    renditions = {
        candidate.split()[0]
        for source in sources
        for candidate in source.split(",")
        if "/images/" in candidate
    }
    assert renditions, sources
    for url in renditions:
        assert url.startswith(f"{s3_server}/{BUCKET}/media/images/"), url
        fetched = requests.get(url, timeout=10)
        assert fetched.status_code == 200, url
        assert fetched.headers["Content-Type"].startswith("image/"), url
    assert {url.removeprefix(f"{s3_server}/{BUCKET}/") for url in renditions} <= bucket_keys(
        s3_server
    )

    # Wagtail sends a document's visitors to the storage's address instead of streaming it.
    served = client.get(document.url)
    assert served.status_code == 302
    assert served["Location"] == f"{s3_server}/{BUCKET}/media/{document.file.name}"
    assert requests.get(served["Location"], timeout=10).content == b"%PDF-1.7 intake form"
