import { describe, expect, it } from "vitest";
import { outcomeOf } from "../../src/mapping/error-codes.js";

describe("outcomeOf", () => {
  it("treats calls without an error, or with an error after authorization, as authorized", () => {
    expect(outcomeOf(null)).toBe("authorized");
    expect(outcomeOf("NoSuchKey")).toBe("authorized");
    expect(outcomeOf("ThrottlingException")).toBe("authorized");
    expect(outcomeOf("ResourceNotFoundException")).toBe("authorized");
  });

  it("recognizes each service's authorization failure", () => {
    for (const code of [
      "AccessDenied",
      "AccessDeniedException",
      "UnauthorizedOperation",
      "Client.UnauthorizedOperation",
      "UnauthorizedAccess",
      "AuthorizationError",
      "Forbidden",
    ]) {
      expect(outcomeOf(code), code).toBe("denied");
    }
  });

  it("sets apart calls that failed before authorization", () => {
    expect(outcomeOf("ExpiredToken")).toBe("unauthenticated");
    expect(outcomeOf("InvalidClientTokenId")).toBe("unauthenticated");
  });
});
