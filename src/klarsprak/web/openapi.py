"""The OpenAPI 3.1 description of the HTTP API, served at ``/openapi.json``. Hand-written: the API
is small, and the report's own shape is the JSON Schema ``check --format json`` already ships."""

from __future__ import annotations

from klarsprak.config import PROFILES

_ERROR = {"description": "Fel i anropet", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
_UPLOAD = {
    "required": True,
    "content": {
        "multipart/form-data": {"schema": {"$ref": "#/components/schemas/Upload"}},
        "application/json": {"schema": {"$ref": "#/components/schemas/TextRequest"}},
    },
}
_WORD_UPLOAD = {"required": True, "content": {"multipart/form-data": {"schema": {"$ref": "#/components/schemas/Upload"}}}}
_WORD = {"description": "En kopia av Word-filen", "content": {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {"schema": {"type": "string", "format": "binary"}}}}


def spec(version: str, max_mb: float) -> dict:
    limits = {"400": _ERROR, "413": {**_ERROR, "description": f"Kroppen är större än {max_mb:g} MB"},
              "415": {**_ERROR, "description": "Filtypen eller Content-Type stöds inte"}}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "klarsprak",
            "version": version,
            "description": "Klarspråksgranskning av myndighetsbeslut (språklagen 11 §). Inget sparas: "
                           "uppladdningar granskas i minnet och glöms efter svaret.",
        },
        "paths": {
            "/api/check": {"post": {
                "summary": "Granska ett dokument eller en text",
                "description": "Svarar med samma JSON som `klarsprak check --format json` (schema report-v1). "
                               "Ett dokument som inte kan läsas ger 422 med samma JSON, där documents[0].errors "
                               "säger vad som är fel.",
                "requestBody": _UPLOAD,
                "responses": {
                    "200": {"description": "Rapporten", "content": {"application/json": {"schema": {"$ref": "/api/schema/report-v1.json"}}}},
                    "422": {"description": "Dokumentet kunde inte läsas (rapport med errors)", "content": {"application/json": {}}},
                    **limits,
                },
            }},
            "/api/annotate": {"post": {
                "summary": "Word-filen med fynden som kommentarer",
                "description": "Som `klarsprak annotate`. Bara .docx/.dotx. Rubriken X-Klarsprak-Count anger antalet kommentarer.",
                "requestBody": _WORD_UPLOAD,
                "responses": {"200": _WORD, "422": _ERROR, **limits},
            }},
            "/api/fix": {"post": {
                "summary": "Word-filen med säkra rättningar som spårade ändringar",
                "description": "Som `klarsprak fix`. Bara .docx/.dotx. Rubriken X-Klarsprak-Count anger antalet ändringar.",
                "requestBody": _WORD_UPLOAD,
                "responses": {"200": _WORD, "422": _ERROR, **limits},
            }},
            "/api/rules": {"get": {
                "summary": "Alla regler med förklaringar och exempel",
                "responses": {"200": {"description": "Reglerna", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Rule"}}}}}},
            }},
            "/api/health": {"get": {"summary": "Är servern igång?", "responses": {"200": {"description": "ok"}}}},
            "/api/schema/report-v1.json": {"get": {
                "summary": "JSON Schema för rapporten från /api/check (samma som check --format json)",
                "responses": {"200": {"description": "JSON Schema", "content": {"application/json": {}}}},
            }},
        },
        "components": {"schemas": {
            "Upload": {"type": "object", "properties": {
                "fil": {"type": "string", "format": "binary", "description": ".docx, .dotx, .pdf, .txt eller .md (även fältnamnet file godtas)"},
                "text": {"type": "string", "description": "Inklistrad text, när ingen fil skickas"},
                "format": {"type": "string", "enum": ["txt", "md"], "default": "txt"},
                "profil": {"type": "string", "enum": list(PROFILES), "default": "auto"},
            }},
            "TextRequest": {"type": "object", "required": ["text"], "properties": {
                "text": {"type": "string"},
                "format": {"type": "string", "enum": ["txt", "md"], "default": "txt"},
                "profile": {"type": "string", "enum": list(PROFILES), "default": "auto"},
            }},
            "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "string", "description": "Ett svenskt meddelande på en rad"}}},
            "Rule": {"type": "object", "properties": {k: {"type": "string"} for k in
                     ("id", "name", "category", "severity", "title", "explanation", "source")}},
        }},
    }
