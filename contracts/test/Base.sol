// SPDX-License-Identifier: UNLICENSED
pragma solidity ^0.8.24;

/// @dev The forge cheatcodes these tests use (forge-std would need a git install; the cheatcode
/// contract's address and signatures are forge's documented interface).
interface Vm {
    function sign(uint256 privateKey, bytes32 digest) external pure returns (uint8 v, bytes32 r, bytes32 s);
    function addr(uint256 privateKey) external pure returns (address);
    function warp(uint256 timestamp) external;
    function chainId(uint256 newChainId) external;
    function prank(address caller) external;
    function startPrank(address caller) external;
    function stopPrank() external;
    function expectRevert(bytes calldata revertData) external;
    function expectEmit(bool topic1, bool topic2, bool topic3, bool data, address emitter) external;
    function assume(bool condition) external pure;
}

/// @dev Assertions that name what differed (no forge-std).
abstract contract Base {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    function eq(uint256 actual, uint256 expected, string memory what) internal pure {
        if (actual != expected) {
            revert(string.concat(what, ": expected ", _str(expected), ", got ", _str(actual)));
        }
    }

    function eq(address actual, address expected, string memory what) internal pure {
        if (actual != expected) revert(string.concat(what, ": address differs"));
    }

    function isTrue(bool condition, string memory what) internal pure {
        if (!condition) revert(what);
    }

    function _str(uint256 v) private pure returns (string memory) {
        if (v == 0) return "0";
        bytes memory b = new bytes(78);
        uint256 i = b.length;
        while (v != 0) {
            b[--i] = bytes1(uint8(48 + v % 10));
            v /= 10;
        }
        bytes memory out = new bytes(b.length - i);
        for (uint256 j = 0; j < out.length; j++) out[j] = b[i + j];
        return string(out);
    }
}
