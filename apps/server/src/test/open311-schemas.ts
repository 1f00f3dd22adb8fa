/**
 * JSON Schemas (draft 2020-12) of the GeoReport v2 responses, written from the specification's
 * field tables (http://wiki.open311.org/GeoReport_v2, which publishes no schema of its own).
 */
const dateTime = { type: "string", format: "date-time" };
const nullable = (type: string) => ({ type: [type, "null"] });

export const open311Schemas = {
  discovery: {
    type: "object",
    required: ["changeset", "contact", "key_service", "endpoints"],
    properties: {
      changeset: dateTime,
      contact: { type: "string" },
      key_service: { type: "string" },
      endpoints: {
        type: "array",
        minItems: 1,
        items: {
          type: "object",
          required: ["specification", "url", "changeset", "type", "formats"],
          properties: {
            specification: { type: "string", format: "uri" },
            url: { type: "string", format: "uri" },
            changeset: dateTime,
            type: { enum: ["production", "test"] },
            formats: { type: "array", items: { enum: ["text/xml", "application/json"] } },
          },
        },
      },
    },
  },
  services: {
    type: "array",
    items: {
      type: "object",
      required: ["service_code", "service_name", "metadata", "type"],
      additionalProperties: false,
      properties: {
        service_code: { type: "string", minLength: 1 },
        service_name: { type: "string", minLength: 1 },
        description: { type: "string" },
        metadata: { type: "boolean" },
        type: { enum: ["realtime", "batch", "blackbox"] },
        keywords: { type: "string" },
        group: { type: "string" },
      },
    },
  },
  serviceDefinition: {
    type: "object",
    required: ["service_code", "attributes"],
    additionalProperties: false,
    properties: {
      service_code: { type: "string" },
      attributes: {
        type: "array",
        items: {
          type: "object",
          required: ["variable", "code", "datatype", "required", "order", "description"],
          additionalProperties: false,
          properties: {
            variable: { type: "boolean" },
            code: { type: "string" },
            datatype: { enum: ["string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"] },
            required: { type: "boolean" },
            datatype_description: nullable("string"),
            order: { type: "integer", minimum: 0 },
            description: { type: "string" },
            values: {
              type: "array",
              items: {
                type: "object",
                required: ["key", "name"],
                properties: { key: { type: "string" }, name: { type: "string" } },
              },
            },
          },
        },
      },
    },
  },
  createdRequest: {
    type: "array",
    minItems: 1,
    items: {
      type: "object",
      anyOf: [{ required: ["service_request_id"] }, { required: ["token"] }],
      additionalProperties: false,
      properties: {
        service_request_id: { type: "string" },
        token: { type: "string" },
        service_notice: nullable("string"),
        account_id: nullable("string"),
      },
    },
  },
  serviceRequests: {
    type: "array",
    items: {
      type: "object",
      required: ["service_request_id", "status", "service_code", "requested_datetime"],
      additionalProperties: false,
      properties: {
        service_request_id: { type: "string" },
        status: { enum: ["open", "closed"] },
        status_notes: nullable("string"),
        service_name: nullable("string"),
        service_code: { type: "string" },
        description: nullable("string"),
        agency_responsible: nullable("string"),
        service_notice: nullable("string"),
        requested_datetime: dateTime,
        updated_datetime: { anyOf: [dateTime, { type: "null" }] },
        expected_datetime: { anyOf: [dateTime, { type: "null" }] },
        address: nullable("string"),
        address_id: nullable("string"),
        zipcode: nullable("string"),
        lat: nullable("number"),
        long: nullable("number"),
        media_url: nullable("string"),
      },
    },
  },
  tokens: {
    type: "array",
    items: {
      type: "object",
      required: ["token"],
      additionalProperties: false,
      properties: { service_request_id: nullable("string"), token: { type: "string" } },
    },
  },
  errors: {
    type: "array",
    minItems: 1,
    items: {
      type: "object",
      required: ["code", "description"],
      additionalProperties: false,
      properties: { code: { type: "integer" }, description: { type: "string" } },
    },
  },
} as const;
