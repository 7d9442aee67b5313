/// The OpenAPI 3.1 document of the API (R-HOST-1), served at `/openapi.json`. Written by hand next
/// to the routes in ``Portal`` (`Portal+API.swift`); `PortalAPITests` checks that every route it
/// lists answers as described, and `schemathesis` checks it against the live server in CI.
enum OpenAPIDocument {
    static let json = #"""
    {
      "openapi": "3.1.0",
      "info": {
        "title": "CPS portal API",
        "version": "1.0.0",
        "description": "The account side of Canon Professional Services over CPSKit: the account, its points, levels, products, purchases, invoices and next steps. Authenticate with a bearer token from POST /api/v1/tokens. Errors are RFC 9457 problem details with the library's code and a message in the Accept-Language language (Swedish or English)."
      },
      "servers": [
        {
          "url": "/"
        }
      ],
      "components": {
        "securitySchemes": {
          "bearer": {
            "type": "http",
            "scheme": "bearer"
          }
        },
        "parameters": {
          "IdempotencyKey": {
            "name": "Idempotency-Key",
            "in": "header",
            "required": false,
            "schema": {
              "type": "string",
              "maxLength": 200
            },
            "description": "The same key again returns the first result and changes nothing."
          },
          "RequiredIdempotencyKey": {
            "name": "Idempotency-Key",
            "in": "header",
            "required": true,
            "schema": {
              "type": "string",
              "minLength": 1,
              "maxLength": 200
            }
          }
        },
        "responses": {
          "Problem": {
            "description": "A problem",
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          }
        },
        "schemas": {
          "Problem": {
            "type": "object",
            "required": [
              "type",
              "title",
              "status",
              "detail",
              "code"
            ],
            "properties": {
              "type": {
                "type": "string"
              },
              "title": {
                "type": "string"
              },
              "status": {
                "type": "integer"
              },
              "detail": {
                "type": "string"
              },
              "code": {
                "type": "string"
              }
            }
          },
          "TokenRequest": {
            "type": "object",
            "required": [
              "email",
              "password"
            ],
            "properties": {
              "email": {
                "type": "string",
                "minLength": 1
              },
              "password": {
                "type": "string"
              }
            }
          },
          "Token": {
            "type": "object",
            "required": [
              "token",
              "tokenType",
              "expiresAt"
            ],
            "properties": {
              "token": {
                "type": "string"
              },
              "tokenType": {
                "const": "Bearer"
              },
              "expiresAt": {
                "type": "string",
                "format": "date-time"
              }
            }
          },
          "Account": {
            "type": "object",
            "required": [
              "id",
              "companyName",
              "country",
              "points"
            ],
            "properties": {
              "id": {
                "type": "string"
              },
              "companyName": {
                "type": "string"
              },
              "country": {
                "type": "string"
              },
              "points": {
                "type": "integer"
              }
            }
          },
          "Level": {
            "type": "object",
            "required": [
              "level",
              "name",
              "view",
              "yearlyFee",
              "open",
              "shortfalls"
            ],
            "properties": {
              "level": {
                "type": "string"
              },
              "name": {
                "type": "string"
              },
              "view": {
                "enum": [
                  "individual",
                  "business"
                ]
              },
              "yearlyFee": {
                "type": "string"
              },
              "open": {
                "type": "boolean"
              },
              "shortfalls": {
                "type": "array",
                "items": {
                  "type": "string"
                }
              }
            }
          },
          "Levels": {
            "type": "object",
            "required": [
              "points",
              "businessSwitchShown",
              "levels"
            ],
            "properties": {
              "points": {
                "type": "integer"
              },
              "businessSwitchShown": {
                "type": "boolean"
              },
              "levels": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/Level"
                }
              }
            }
          },
          "Product": {
            "type": "object",
            "required": [
              "id",
              "model",
              "complete",
              "missingFields",
              "points"
            ],
            "properties": {
              "id": {
                "type": "string"
              },
              "model": {
                "type": "string"
              },
              "serialNumber": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "complete": {
                "type": "boolean"
              },
              "missingFields": {
                "type": "array",
                "items": {
                  "type": "string"
                }
              },
              "points": {
                "type": "integer"
              }
            }
          },
          "ProductRequest": {
            "type": "object",
            "required": [
              "model"
            ],
            "properties": {
              "model": {
                "type": "string",
                "minLength": 1
              },
              "serialNumber": {
                "type": "string"
              },
              "purchaseDate": {
                "type": "string"
              },
              "countryOfPurchase": {
                "type": "string"
              },
              "dealer": {
                "type": "string"
              }
            }
          },
          "PurchaseRequest": {
            "type": "object",
            "required": [
              "level",
              "paymentMethod",
              "termsVersion"
            ],
            "properties": {
              "level": {
                "type": "string"
              },
              "paymentMethod": {
                "enum": [
                  "card",
                  "bankTransfer"
                ]
              },
              "termsVersion": {
                "type": "string"
              }
            }
          },
          "Purchase": {
            "type": "object",
            "required": [
              "membershipNumber",
              "level",
              "paymentMethod"
            ],
            "properties": {
              "membershipNumber": {
                "type": "string"
              },
              "level": {
                "type": "string"
              },
              "paymentMethod": {
                "enum": [
                  "card",
                  "bankTransfer"
                ]
              }
            }
          },
          "Invoice": {
            "type": "object",
            "required": [
              "id",
              "number",
              "total",
              "amountDue",
              "dueDay",
              "status",
              "paymentReference"
            ],
            "properties": {
              "id": {
                "type": "string"
              },
              "number": {
                "type": "string"
              },
              "total": {
                "type": "string"
              },
              "amountDue": {
                "type": "string"
              },
              "dueDay": {
                "type": "string",
                "format": "date"
              },
              "status": {
                "type": "string"
              },
              "paymentReference": {
                "type": "string"
              }
            }
          },
          "Step": {
            "type": "object",
            "required": [
              "code",
              "text"
            ],
            "properties": {
              "code": {
                "type": "string"
              },
              "text": {
                "type": "string"
              }
            }
          }
        }
      },
      "paths": {
        "/api/v1/tokens": {
          "post": {
            "operationId": "createToken",
            "summary": "Sign in: a bearer token for the user's account",
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/TokenRequest"
                  }
                }
              }
            },
            "responses": {
              "201": {
                "description": "Signed in",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Token"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/Problem"
              },
              "401": {
                "$ref": "#/components/responses/Problem"
              },
              "403": {
                "$ref": "#/components/responses/Problem"
              },
              "413": {
                "$ref": "#/components/responses/Problem"
              },
              "422": {
                "$ref": "#/components/responses/Problem"
              },
              "429": {
                "$ref": "#/components/responses/Problem"
              },
              "503": {
                "$ref": "#/components/responses/Problem"
              }
            }
          }
        },
        "/api/v1/account": {
          "get": {
            "operationId": "getAccount",
            "security": [
              {
                "bearer": []
              }
            ],
            "responses": {
              "200": {
                "description": "The account",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Account"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Problem"
              },
              "403": {
                "$ref": "#/components/responses/Problem"
              },
              "404": {
                "$ref": "#/components/responses/Problem"
              },
              "503": {
                "$ref": "#/components/responses/Problem"
              }
            }
          }
        },
        "/api/v1/levels": {
          "get": {
            "operationId": "getLevels",
            "security": [
              {
                "bearer": []
              }
            ],
            "responses": {
              "200": {
                "description": "Available CPS levels",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Levels"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Problem"
              },
              "403": {
                "$ref": "#/components/responses/Problem"
              },
              "404": {
                "$ref": "#/components/responses/Problem"
              },
              "503": {
                "$ref": "#/components/responses/Problem"
              }
            }
          }
        },
        "/api/v1/products": {
          "get": {
            "operationId": "listProducts",
            "security": [
              {
                "bearer": []
              }
            ],
            "responses": {
              "200": {
                "description": "My products",
                "content": {
                  "application/json": {
                    "schema": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/Product"
                      }
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Problem"
              },
              "403": {
                "$ref": "#/components/responses/Problem"
              },
              "404": {
                "$ref": "#/components/responses/Problem"
              },
              "503": {
                "$ref": "#/components/responses/Problem"
              }
            }
          },
          "post": {
            "operationId": "registerProduct",
            "security": [
              {
                "bearer": []
              }
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/IdempotencyKey"
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/ProductRequest"
                  }
                }
              }
            },
            "responses": {
              "201": {
                "description": "Registered",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Product"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/Problem"
              },
              "401": {
                "$ref": "#/components/responses/Problem"
              },
              "403": {
                "$ref": "#/components/responses/Problem"
              },
              "404": {
                "$ref": "#/components/responses/Problem"
              },
              "409": {
                "$ref": "#/components/responses/Problem"
              },
              "413": {
                "$ref": "#/components/responses/Problem"
              },
              "422": {
                "$ref": "#/components/responses/Problem"
              },
              "429": {
                "$ref": "#/components/responses/Problem"
              },
              "503": {
                "$ref": "#/components/responses/Problem"
              }
            }
          }
        },
        "/api/v1/purchases": {
          "post": {
            "operationId": "purchase",
            "security": [
              {
                "bearer": []
              }
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/RequiredIdempotencyKey"
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/PurchaseRequest"
                  }
                }
              }
            },
            "responses": {
              "201": {
                "description": "Bought",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Purchase"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/Problem"
              },
              "401": {
                "$ref": "#/components/responses/Problem"
              },
              "403": {
                "$ref": "#/components/responses/Problem"
              },
              "404": {
                "$ref": "#/components/responses/Problem"
              },
              "409": {
                "$ref": "#/components/responses/Problem"
              },
              "413": {
                "$ref": "#/components/responses/Problem"
              },
              "422": {
                "$ref": "#/components/responses/Problem"
              },
              "429": {
                "$ref": "#/components/responses/Problem"
              },
              "503": {
                "$ref": "#/components/responses/Problem"
              }
            }
          }
        },
        "/api/v1/invoices": {
          "get": {
            "operationId": "listInvoices",
            "security": [
              {
                "bearer": []
              }
            ],
            "responses": {
              "200": {
                "description": "The account's invoices",
                "content": {
                  "application/json": {
                    "schema": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/Invoice"
                      }
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Problem"
              },
              "403": {
                "$ref": "#/components/responses/Problem"
              },
              "404": {
                "$ref": "#/components/responses/Problem"
              },
              "503": {
                "$ref": "#/components/responses/Problem"
              }
            }
          }
        },
        "/api/v1/next-steps": {
          "get": {
            "operationId": "nextSteps",
            "security": [
              {
                "bearer": []
              }
            ],
            "responses": {
              "200": {
                "description": "What the account should do next",
                "content": {
                  "application/json": {
                    "schema": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/Step"
                      }
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Problem"
              },
              "403": {
                "$ref": "#/components/responses/Problem"
              },
              "404": {
                "$ref": "#/components/responses/Problem"
              },
              "503": {
                "$ref": "#/components/responses/Problem"
              }
            }
          }
        }
      }
    }
    """#
}
