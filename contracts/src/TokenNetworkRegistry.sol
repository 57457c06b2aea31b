// SPDX-License-Identifier: UNLICENSED
pragma solidity ^0.8.24;

import {TokenNetwork} from "./TokenNetwork.sol";

/// @title Registry of payment-channel networks, one per ERC-20 token (as in Raiden)
/// @notice Anyone may create the network for a token once; connectors look it up by token so
/// that both peers of a link agree on the contract their claims are bound to.
contract TokenNetworkRegistry {
    /// @notice The TokenNetwork of each token, or the zero address when none exists yet.
    mapping(address token => address tokenNetwork) public tokenNetworks;

    event TokenNetworkCreated(address indexed token, address indexed tokenNetwork);

    /// @dev The token is the zero address.
    error ZeroAddress();
    /// @dev The token address holds no contract code.
    error NotAContract(address token);
    /// @dev A network for this token exists already (there is only ever one).
    error TokenNetworkExists(address token, address tokenNetwork);

    /// @notice Deploys the TokenNetwork for `token`.
    /// @return tokenNetwork the new network's address
    function createTokenNetwork(address token) external returns (address tokenNetwork) {
        if (token == address(0)) revert ZeroAddress();
        if (token.code.length == 0) revert NotAContract(token);
        address existing = tokenNetworks[token];
        if (existing != address(0)) revert TokenNetworkExists(token, existing);
        tokenNetwork = address(new TokenNetwork(token));
        tokenNetworks[token] = tokenNetwork;
        emit TokenNetworkCreated(token, tokenNetwork);
    }
}
